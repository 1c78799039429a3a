import type { Core } from '../core/core';
import { createCipher, loadOrCreateDataKey, verifyDataKey, type KeyWrapper, type RecordCipher } from '../crypto';
import { startAudit } from '../audit/service';
import { startAccounts } from './context';
import { ensureDemoAccounts } from './setup';

/**
 * Start-up of the audit log (with the data key, so personal detail is sealed) and of accounts
 * (training accounts in training mode). Pass `cipher` when boot already loaded the data key;
 * otherwise it is loaded here (wrapped by the OS keychain on the desktop).
 */
export async function startAccountsAndAudit(core: Core, o: { keyWrap?: KeyWrapper; cipher?: RecordCipher } = {}): Promise<void> {
  // Boot's wireDataKey normally loaded the key already; load it here only for a bare core (tests, tools).
  let cipher = o.cipher ?? core.services.cipher;
  if (!cipher) {
    const key = loadOrCreateDataKey(core.opts.dataDir, { wrapper: o.keyWrap });
    verifyDataKey(core.db, key);
    cipher = createCipher(key);
  }
  startAudit(core, { cipher });
  await ensureDemoAccounts(startAccounts(core));
}
