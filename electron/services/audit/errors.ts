import { AppError } from '../errors';

export type AuditErrorCode =
  | 'AUDIT_NO_CIPHER'
  | 'AUDIT_INVALID_ENTRY'
  | 'AUDIT_SIGN_KEY_INVALID'
  | 'AUDIT_RANGE_INVALID'
  | 'AUDIT_CASE_REQUIRED'
  | 'AUDIT_REASON_REQUIRED'
  | 'AUDIT_NOT_STARTED';

/** Audit failures carry a stable AUDIT_* code; they reach the page through toApiError like any AppError. */
export class AuditError extends AppError {
  constructor(code: AuditErrorCode, message: string) {
    super(code, message);
    this.name = 'AuditError';
  }
}
