import { AppError, type ErrorParams } from '../errors';

export type CaseErrorCode =
  | 'CASE_NOT_FOUND'
  | 'CASE_ILLEGAL_TRANSITION'
  | 'CASE_INPUT_INVALID'
  | 'CASE_NOT_READY'
  | 'CASE_NOT_ELIGIBLE'
  | 'CASE_NOT_PRINTED'
  | 'CASE_SERIAL_EXHAUSTED'
  | 'CASE_DATA_UNREADABLE'
  // The counter flow's own refusals (flow/), so every case code is in one table.
  | 'CASE_NO_ITEM'
  | 'CASE_BLOCKED'
  | 'CASE_NO_DOCUMENT'
  | 'CASE_NOT_BLOCKED'
  | 'CASE_ID_INVALID'
  | 'CASE_ID_REGION_INVALID'
  | 'CASE_ID_BIRTH_INVALID'
  | 'CASE_ID_BIRTH_FUTURE'
  | 'CASE_VALID_TO_INVALID'
  | 'CASE_ALREADY_ISSUED'
  | 'CASE_OVERRIDDEN'
  | 'CASE_FORM_INVALID'
  | 'CASE_NO_APPLICATION'
  | 'CASE_ALREADY_APPLIED'
  | 'CASE_NOT_OPEN'
  | 'CASE_NOT_YOURS'
  | 'CASE_SERVICE_UNAVAILABLE';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const CASE_ERRORS = {
  CASE_NOT_FOUND: [],
  CASE_ILLEGAL_TRANSITION: [],
  CASE_INPUT_INVALID: [],
  CASE_NOT_READY: [],
  CASE_NOT_ELIGIBLE: [],
  CASE_NOT_PRINTED: [],
  CASE_SERIAL_EXHAUSTED: ['counter'],
  CASE_DATA_UNREADABLE: [],
  CASE_NO_ITEM: [],
  CASE_BLOCKED: [],
  CASE_NO_DOCUMENT: [],
  CASE_NOT_BLOCKED: [],
  CASE_ID_INVALID: [],
  CASE_ID_REGION_INVALID: [],
  CASE_ID_BIRTH_INVALID: [],
  CASE_ID_BIRTH_FUTURE: [],
  CASE_VALID_TO_INVALID: [],
  CASE_ALREADY_ISSUED: [],
  CASE_OVERRIDDEN: [],
  CASE_FORM_INVALID: ['field', 'problem'],
  CASE_NO_APPLICATION: [],
  CASE_ALREADY_APPLIED: [],
  CASE_NOT_OPEN: [],
  CASE_NOT_YOURS: [],
  CASE_SERVICE_UNAVAILABLE: [],
} as const satisfies Record<CaseErrorCode, readonly string[]>;

export class CaseError extends AppError {
  declare readonly code: CaseErrorCode;
  constructor(code: CaseErrorCode, message: string, field?: string, params?: ErrorParams) {
    super(code, message, { ...(field !== undefined ? { field } : {}), ...(params ? { params } : {}) });
    this.name = 'CaseError';
  }
}
