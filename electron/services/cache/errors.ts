export type CacheErrorCode = 'CACHE_POLICY_INVALID' | 'CACHE_PAYLOAD_INVALID';

export class CacheError extends Error {
  readonly code: CacheErrorCode;
  constructor(code: CacheErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CacheError';
    this.code = code;
  }
}
