import { AppError } from '../errors';

export type CaseErrorCode =
  | 'CASE_NOT_FOUND'
  | 'CASE_ILLEGAL_TRANSITION'
  | 'CASE_INPUT_INVALID'
  | 'CASE_NOT_READY'
  | 'CASE_NOT_ELIGIBLE'
  | 'CASE_NOT_PRINTED'
  | 'CASE_SERIAL_EXHAUSTED'
  | 'CASE_DATA_UNREADABLE';

export class CaseError extends AppError {
  declare readonly code: CaseErrorCode;
  constructor(code: CaseErrorCode, message: string, field?: string) {
    super(code, message, field);
    this.name = 'CaseError';
  }
}
