import { createCipher, loadOrCreateDataKey, verifyDataKey, type KeyWrapper } from '../crypto';
import type { Core } from '../core/core';

/** The data key (0600 file, or wrapped by the OS keychain on the desktop) and the record cipher. */
export function wireDataKey(core: Core, wrapper?: KeyWrapper): void {
  const key = loadOrCreateDataKey(core.opts.dataDir, wrapper ? { wrapper } : {});
  verifyDataKey(core.db, key);
  core.services.dataKey = key;
  core.services.cipher = createCipher(key);
}
