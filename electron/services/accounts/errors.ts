import { AppError, type ErrorParams } from '../errors';

export type AuthErrorCode =
  | 'AUTH_REQUIRED'
  | 'AUTH_FORBIDDEN'
  | 'AUTH_INVALID_CREDENTIALS'
  | 'AUTH_THROTTLED'
  | 'AUTH_RATE_LIMITED'
  | 'AUTH_ACCOUNT_DISABLED'
  | 'AUTH_DEMO_ACCOUNT'
  | 'AUTH_SETUP_DONE'
  | 'AUTH_WEAK_PASSWORD'
  | 'AUTH_PASSWORD_REUSED'
  | 'AUTH_PASSWORD_CHANGE_REQUIRED'
  | 'AUTH_ACCOUNT_EXISTS'
  | 'AUTH_ACCOUNT_NOT_FOUND'
  | 'AUTH_INVALID_ACCOUNT_ID'
  | 'AUTH_LAST_ADMIN'
  | 'AUTH_SELF_CHANGE'
  | 'SESSION_LOCKED'
  | 'SESSION_NOT_LOCKED'
  | 'SESSION_ACTIVE'
  | 'AUTH_OVERRIDE_REFUSED';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const AUTH_ERRORS = {
  AUTH_REQUIRED: [],
  AUTH_FORBIDDEN: [],
  AUTH_INVALID_CREDENTIALS: [],
  AUTH_THROTTLED: ['seconds'],
  AUTH_RATE_LIMITED: [],
  AUTH_ACCOUNT_DISABLED: [],
  AUTH_DEMO_ACCOUNT: [],
  AUTH_SETUP_DONE: [],
  AUTH_WEAK_PASSWORD: [],
  AUTH_PASSWORD_REUSED: [],
  AUTH_PASSWORD_CHANGE_REQUIRED: [],
  AUTH_ACCOUNT_EXISTS: [],
  AUTH_ACCOUNT_NOT_FOUND: ['userId'],
  AUTH_INVALID_ACCOUNT_ID: [],
  AUTH_LAST_ADMIN: [],
  AUTH_SELF_CHANGE: [],
  SESSION_LOCKED: [],
  SESSION_NOT_LOCKED: [],
  SESSION_ACTIVE: ['userId'],
  AUTH_OVERRIDE_REFUSED: [],
} as const satisfies Record<AuthErrorCode, readonly string[]>;

export class AuthError extends AppError {
  constructor(code: AuthErrorCode, message: string, field?: string, params?: ErrorParams) {
    super(code, message, { ...(field !== undefined ? { field } : {}), ...(params ? { params } : {}) });
    this.name = 'AuthError';
  }
}
