import type { ApiErrorCode } from '../api/codes';
import type { ErrorParams } from '../api/types';

export type { ErrorParams };

/**
 * The base of every error meant for a person: a stable code from one of the code tables
 * (electron/api/codes.ts) and the values its text needs. The renderer words the code in the
 * clerk's language; `message` is an English sentence for logs and developers, never shown as the
 * clerk's text. It lives with the services, which throw it, so that services never import the API
 * layer at run time (only its types); `electron/api/errors.ts` re-exports it.
 */
export class AppError extends Error {
  readonly field?: string;
  readonly params?: ErrorParams;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** A field path (for form errors), or the field and the parameters of the code's text. */
    opts?: string | { field?: string; params?: ErrorParams; cause?: unknown },
  ) {
    const o = typeof opts === 'string' ? { field: opts } : (opts ?? {});
    super(message, o.cause === undefined ? undefined : { cause: o.cause });
    this.name = 'AppError';
    if (o.field !== undefined) this.field = o.field;
    if (o.params !== undefined) this.params = o.params;
  }
}
