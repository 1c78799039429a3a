import { ensureDemoAccounts } from '../accounts/setup';
import { startAccounts } from '../accounts/context';
import { startAudit } from '../audit/service';
import type { Core } from '../core/core';
import type { KeyWrapper } from '../crypto';
import { wireDataKey } from './data-key';

/**
 * The audit log (sealed with the data key) and accounts (training accounts in training mode).
 * Boot has loaded the data key by now; a bare core (tests, tools) has it loaded here, by the same
 * wireDataKey, so there is one way the key is read.
 */
export async function wireAccountsAndAudit(core: Core, o: { keyWrap?: KeyWrapper } = {}): Promise<void> {
  if (!core.services.cipher) wireDataKey(core, o.keyWrap);
  startAudit(core, { cipher: core.services.cipher });
  await ensureDemoAccounts(startAccounts(core));
}
