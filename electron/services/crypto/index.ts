export { createCipher, keyedHash, keyFingerprint, KEY_BYTES, ENVELOPE_VERSION, type RecordCipher } from './cipher';
export { loadOrCreateDataKey, RAW_KEY_FILE, WRAPPED_KEY_FILE, type KeyWrapper, type DataKeyOptions } from './data-key';
export { verifyDataKey } from './key-check';
export { CryptoError, isCryptoError, type CryptoErrorCode } from './errors';
