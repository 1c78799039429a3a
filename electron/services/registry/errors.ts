/** Stable codes the UI maps to its own (i18n) text; the message is the English fallback. */
export type RegistryErrorCode =
  | 'REGISTRY_MALFORMED'
  | 'REGISTRY_TOO_LARGE'
  | 'REGISTRY_TIMEOUT'
  | 'REGISTRY_UNREACHABLE'
  | 'REGISTRY_REFUSED'
  | 'REGISTRY_BAD_REQUEST'
  | 'REGISTRY_NOT_FOUND'
  | 'REGISTRY_UNAVAILABLE'
  | 'REGISTRY_CIRCUIT_OPEN'
  | 'REGISTRY_BAD_IDENTIFIER'
  | 'USAGE_INCOMPLETE';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const REGISTRY_ERRORS = {
  REGISTRY_MALFORMED: [],
  REGISTRY_TOO_LARGE: [],
  REGISTRY_TIMEOUT: [],
  REGISTRY_UNREACHABLE: [],
  REGISTRY_REFUSED: [],
  REGISTRY_BAD_REQUEST: [],
  REGISTRY_NOT_FOUND: [],
  REGISTRY_UNAVAILABLE: [],
  REGISTRY_CIRCUIT_OPEN: [],
  REGISTRY_BAD_IDENTIFIER: [],
  USAGE_INCOMPLETE: [],
} as const satisfies Record<RegistryErrorCode, readonly string[]>;

export interface RegistryErrorDetails {
  /** HTTP status when the registry answered. */
  status?: number;
  /** The registry's own error code and message, as sent. */
  serverCode?: string;
  serverMessage?: string;
  /** Usage fields missing (USAGE_INCOMPLETE). */
  missing?: string[];
  /** Whether the cached copy may stand in (the registry could not answer, rather than refused). */
  offline?: boolean;
  cause?: unknown;
}

/** Codes meaning "could not reach an answer": the caller may fall back to its cache. */
const OFFLINE_CODES: ReadonlySet<RegistryErrorCode> = new Set([
  'REGISTRY_TIMEOUT',
  'REGISTRY_UNREACHABLE',
  'REGISTRY_UNAVAILABLE',
  'REGISTRY_CIRCUIT_OPEN',
  'REGISTRY_MALFORMED',
  'REGISTRY_TOO_LARGE',
]);

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly code: RegistryErrorCode;
  readonly status?: number;
  readonly serverCode?: string;
  readonly serverMessage?: string;
  readonly missing?: string[];

  constructor(code: RegistryErrorCode, message: string, details: RegistryErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.status = details.status;
    this.serverCode = details.serverCode;
    this.serverMessage = details.serverMessage;
    this.missing = details.missing;
  }

  /** True when the registry could not give an answer (cache fallback is appropriate), false when it refused. */
  get offline(): boolean {
    return OFFLINE_CODES.has(this.code);
  }
}

export function isRegistryError(e: unknown): e is RegistryError {
  return e instanceof RegistryError;
}
