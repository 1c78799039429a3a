export type LicenseErrorCode =
  | 'REGISTRY_TIMEOUT'
  | 'REGISTRY_UNAVAILABLE'
  | 'REGISTRY_FAILED'
  | 'REGISTRY_MISMATCH'
  | 'CACHE_TOO_OLD'
  | 'NOT_IN_CACHE'
  | 'CACHE_INTEGRITY'
  | 'CACHE_WRITE_FAILED'
  | 'REGISTRY_NOT_CONFIGURED';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const LICENSE_ERRORS = {
  REGISTRY_TIMEOUT: [],
  REGISTRY_UNAVAILABLE: [],
  REGISTRY_FAILED: [],
  REGISTRY_MISMATCH: [],
  CACHE_TOO_OLD: ['type', 'ageHours', 'maxAgeHours'],
  NOT_IN_CACHE: ['type'],
  CACHE_INTEGRITY: ['type'],
  CACHE_WRITE_FAILED: [],
  /** No registry is configured or it did not start: nothing can be fetched. */
  REGISTRY_NOT_CONFIGURED: [],
} as const satisfies Record<LicenseErrorCode, readonly string[]>;

/** Figures behind a message, so the UI can render it in zh-CN or en without parsing English. */
export interface LicenseErrorDetails {
  fetchedAt?: string;
  ageHours?: number;
  maxAgeHours?: number;
  timeoutMs?: number;
}

/** One problem in a fetch; fetchForHolder reports these in `errors` instead of throwing. */
export interface FetchError {
  code: LicenseErrorCode;
  /** English, for logs; the renderer words the code with `params`. */
  message: string;
  typeCode?: string;
  details?: LicenseErrorDetails;
  params?: Record<string, string | number>;
}

export class LicenseError extends Error implements FetchError {
  readonly code: LicenseErrorCode;
  readonly typeCode?: string;
  readonly details?: LicenseErrorDetails;
  readonly params?: Record<string, string | number>;
  constructor(e: FetchError, options?: { cause?: unknown }) {
    super(e.message, options);
    this.name = 'LicenseError';
    this.code = e.code;
    if (e.typeCode !== undefined) this.typeCode = e.typeCode;
    if (e.details !== undefined) this.details = e.details;
    if (e.params !== undefined) this.params = e.params;
  }

  toJSON(): FetchError {
    return {
      code: this.code,
      message: this.message,
      ...(this.typeCode !== undefined && { typeCode: this.typeCode }),
      ...(this.details && { details: this.details }),
      ...(this.params && { params: this.params }),
    };
  }
}

const hours = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;
const WHAT_TO_DO =
  'Reconnect the terminal to the network, wait for the registry to come back, or ask the applicant for the paper document.';

export function cacheTooOld(typeCode: string, fetchedAt: string, ageMs: number, maxAgeMs: number): FetchError {
  const ageHours = hours(ageMs);
  const maxAgeHours = hours(maxAgeMs);
  return {
    code: 'CACHE_TOO_OLD',
    typeCode,
    message: `The registry is unreachable and the cached copy of license type ${typeCode} is ${ageHours} h old (fetched ${fetchedAt}); at most ${maxAgeHours} h is allowed for this type, so it was not used. ${WHAT_TO_DO}`,
    details: { fetchedAt, ageHours, maxAgeHours },
    params: { type: typeCode, ageHours, maxAgeHours },
  };
}

export const notInCache = (typeCode: string): FetchError => ({
  code: 'NOT_IN_CACHE',
  typeCode,
  params: { type: typeCode },
  message: `The registry is unreachable and this terminal has no cached copy of license type ${typeCode} for this person. ${WHAT_TO_DO}`,
});

export const cacheIntegrity = (typeCode: string): FetchError => ({
  code: 'CACHE_INTEGRITY',
  typeCode,
  params: { type: typeCode },
  message: `A cached license of type ${typeCode} failed its integrity check and was not used; it will be replaced on the next successful fetch. If this repeats, tell the administrator (the database may be damaged or tampered with).`,
});
