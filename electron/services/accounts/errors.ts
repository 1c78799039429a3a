import { AppError } from '../errors';

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
  | 'SESSION_ACTIVE';

export class AuthError extends AppError {
  constructor(code: AuthErrorCode, message: string, field?: string) {
    super(code, message, field);
    this.name = 'AuthError';
  }
}
