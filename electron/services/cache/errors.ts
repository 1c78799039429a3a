export type CacheErrorCode = 'CACHE_POLICY_INVALID' | 'CACHE_PAYLOAD_INVALID';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const CACHE_ERRORS = {
  CACHE_POLICY_INVALID: [],
  CACHE_PAYLOAD_INVALID: [],
} as const satisfies Record<CacheErrorCode, readonly string[]>;

export class CacheError extends Error {
  readonly code: CacheErrorCode;
  constructor(code: CacheErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CacheError';
    this.code = code;
  }
}
