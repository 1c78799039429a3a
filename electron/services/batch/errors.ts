import { AppError, type ErrorParams } from '../errors';

export type BatchErrorCode =
  | 'BATCH_FORMAT'
  | 'BATCH_UNREADABLE'
  | 'BATCH_EMPTY'
  | 'BATCH_MAPPING'
  | 'BATCH_NOT_FOUND'
  | 'BATCH_STATE'
  | 'BATCH_TOO_LARGE'
  | 'BATCH_ITEM'
  | 'BATCH_REGISTRY_DOWN'
  | 'BATCH_COLUMNS'
  | 'BATCH_ROW_DAMAGED'
  | 'BATCH_JOB_DAMAGED';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const BATCH_ERRORS = {
  BATCH_FORMAT: ['ext'],
  BATCH_UNREADABLE: ['line'],
  BATCH_EMPTY: [],
  BATCH_MAPPING: ['field'],
  BATCH_NOT_FOUND: [],
  BATCH_STATE: ['state'],
  BATCH_TOO_LARGE: ['max'],
  BATCH_ITEM: ['item'],
  BATCH_REGISTRY_DOWN: ['line'],
  /** The item's rules read list columns (the parents' ID numbers) the mapping leaves out. */
  BATCH_COLUMNS: [],
  /** A row's stored checks are not in a format this version reads (row-codec.ts): damaged or from a newer terminal. */
  BATCH_ROW_DAMAGED: ['line'],
  /** The item a job keeps from its start (migration 019, job-item.ts) cannot be read: damaged or from a newer terminal. */
  BATCH_JOB_DAMAGED: [],
} as const satisfies Record<BatchErrorCode, readonly string[]>;

export class BatchError extends AppError {
  declare readonly code: BatchErrorCode;
  constructor(code: BatchErrorCode, message: string, params?: ErrorParams) {
    super(code, message, params ? { params } : undefined);
    this.name = 'BatchError';
  }
}
