import { ReaderError } from '../../native/id-reader/errors';
import { PrintError } from '../../native/printer/errors';
import { SigPadError } from '../../native/signature-pad/errors';
import { CacheError } from '../services/cache/errors';
import { CertificateError } from '../services/certificates/errors';
import { CryptoError } from '../services/crypto/errors';
import { LicenseError } from '../services/licenses/errors';
import { RegistryError } from '../services/registry/errors';
import { isErrorCode } from './codes';
import { AppError } from './errors';
import type { ApiError, ErrorParams } from './types';

/**
 * The domain error classes that may cross the API with their code. AppError and its subclasses
 * (accounts, audit, cases, catalog, rules…) are one of them; the drivers' and the leaf services'
 * classes, which cannot extend AppError, are named here. A new domain either extends AppError or
 * adds its class to this list; its codes go in a table in ./codes.ts either way.
 */
const DOMAIN_ERRORS = [
  AppError,
  PrintError,
  ReaderError,
  RegistryError,
  LicenseError,
  CertificateError,
  CryptoError,
  CacheError,
  SigPadError,
] as const;

export const INTERNAL_ERROR: ApiError = {
  code: 'INTERNAL',
  message: 'An internal error occurred; the details were logged. Try again, or restart the app if it repeats.',
};

const isDomainError = (err: unknown): err is Error & { code: unknown } => DOMAIN_ERRORS.some((C) => err instanceof C);

/** Only scalar values cross: a parameter never carries an object with internals in it. */
function cleanParams(p: unknown): ErrorParams | undefined {
  if (!p || typeof p !== 'object') return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

/**
 * A thrown value as the API answers it. A domain error keeps its code, parameters and field;
 * anything else (a bug, a SqliteError, an ENOENT with a path in it) becomes INTERNAL, so no
 * internals or stack traces reach a page; the dispatcher logs the details.
 */
export function toApiError(err: unknown): ApiError {
  if (!isDomainError(err) || !isErrorCode(err.code)) return INTERNAL_ERROR;
  const params = cleanParams((err as { params?: unknown }).params);
  const field = (err as { field?: unknown }).field;
  return {
    code: err.code,
    message: err.message,
    ...(params ? { params } : {}),
    ...(typeof field === 'string' && field ? { field } : {}),
  };
}
