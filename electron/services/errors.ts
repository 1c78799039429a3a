/**
 * The base of every error meant for a person. It lives with the services, which throw it, so that
 * services never import the API layer at run time; `electron/api/errors.ts` re-exports it and
 * turns it into the wire's ApiError.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
