import { AppError, type ErrorParams } from '../errors';

export type AuditErrorCode =
  | 'AUDIT_NO_CIPHER'
  | 'AUDIT_INVALID_ENTRY'
  | 'AUDIT_SIGN_KEY_INVALID'
  | 'AUDIT_RANGE_INVALID'
  | 'AUDIT_CASE_REQUIRED'
  | 'AUDIT_REASON_REQUIRED'
  | 'AUDIT_NOT_STARTED';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const AUDIT_ERRORS = {
  AUDIT_NO_CIPHER: [],
  AUDIT_INVALID_ENTRY: [],
  AUDIT_SIGN_KEY_INVALID: [],
  AUDIT_RANGE_INVALID: ['maxDays'],
  AUDIT_CASE_REQUIRED: [],
  AUDIT_REASON_REQUIRED: [],
  AUDIT_NOT_STARTED: [],
} as const satisfies Record<AuditErrorCode, readonly string[]>;

/** Audit failures carry a stable AUDIT_* code; they reach the page through toApiError like any AppError. */
export class AuditError extends AppError {
  constructor(code: AuditErrorCode, message: string, params?: ErrorParams) {
    super(code, message, params ? { params } : undefined);
    this.name = 'AuditError';
  }
}
