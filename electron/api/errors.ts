import type { ApiError } from './types';

import { AppError } from '../services/errors';

/** An error meant for a person: a stable code the UI translates and a message saying what to do. */
export { AppError };

/**
 * Typed errors from services and drivers use domain-prefixed codes (REGISTRY_TIMEOUT, CACHE_TOO_OLD…).
 * Only those cross the boundary with their own message; anything else (a bug, a SqliteError, an
 * ENOENT with a path in it) becomes INTERNAL so no internals or stack traces reach a page.
 */
const PUBLIC_CODE =
  /^(APP|AUTH|AUDIT|CACHE|CARD|CASE|CATALOG|CERT|CONFIG|CRYPTO|FRAME|HID|KEY|LICENSE|OUTBOX|PRINT|PRINTER|QR|READER|REGISTRY|RULE|SERIAL|SESSION|USAGE|VALIDATION|INVALID|NOT|FORBIDDEN|UNKNOWN)_[A-Z0-9_]+$/;

export function toApiError(err: unknown): ApiError {
  if (err instanceof AppError) return { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message } = err as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string' && PUBLIC_CODE.test(code)) return { code, message };
  }
  return { code: 'INTERNAL', message: 'An internal error occurred; the details were logged. Try again, or restart the app if it repeats.' };
}
