export type CryptoErrorCode =
  | 'KEY_INVALID'
  | 'KEY_FILE_PERMISSIONS'
  | 'KEY_FILE_OWNER'
  | 'KEY_FILE_SIZE'
  | 'KEY_FILE_NOT_REGULAR'
  | 'KEY_MODE_MISMATCH'
  | 'KEY_UNWRAP_FAILED'
  | 'WRONG_KEY'
  | 'ENVELOPE_MALFORMED'
  | 'ENVELOPE_VERSION'
  | 'INTEGRITY';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const CRYPTO_ERRORS = {
  KEY_INVALID: [],
  KEY_FILE_PERMISSIONS: [],
  KEY_FILE_OWNER: [],
  KEY_FILE_SIZE: [],
  KEY_FILE_NOT_REGULAR: [],
  KEY_MODE_MISMATCH: [],
  KEY_UNWRAP_FAILED: [],
  WRONG_KEY: [],
  ENVELOPE_MALFORMED: [],
  ENVELOPE_VERSION: [],
  INTEGRITY: [],
} as const satisfies Record<CryptoErrorCode, readonly string[]>;

/** A failure of key handling or of an encrypted record; `code` is stable, the message says what to do. */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;
  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CryptoError';
    this.code = code;
  }
}

export const isCryptoError = (e: unknown, code?: CryptoErrorCode): e is CryptoError =>
  e instanceof CryptoError && (code === undefined || e.code === code);
