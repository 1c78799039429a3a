import { AppError, type ErrorParams } from '../errors';

export type WorklistErrorCode =
  | 'WORKLIST_PROGRAMME_INVALID'
  | 'WORKLIST_PROGRAMME_NOT_FOUND'
  | 'WORKLIST_NOT_FOUND'
  | 'WORKLIST_TASK_NOT_FOUND'
  | 'WORKLIST_TASK_STEP'
  | 'WORKLIST_NOT_ASSIGNABLE'
  | 'WORKLIST_NO_AREA'
  | 'WORKLIST_OUTPUT_FAILED'
  | 'WORKLIST_TASK_TAKEN'
  | 'WORKLIST_HALL_PENDING';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const WORKLIST_ERRORS = {
  WORKLIST_PROGRAMME_INVALID: [],
  WORKLIST_PROGRAMME_NOT_FOUND: ['code'],
  WORKLIST_NOT_FOUND: ['id'],
  WORKLIST_TASK_NOT_FOUND: ['id'],
  /** A step the task's state does not allow (e.g. deliver before the output was made). */
  WORKLIST_TASK_STEP: ['state', 'step'],
  WORKLIST_NOT_ASSIGNABLE: ['user'],
  WORKLIST_NO_AREA: [],
  WORKLIST_OUTPUT_FAILED: ['reason'],
  /**
   * Another terminal of the station took the task first (the hall answered 409): who (`by`, at
   * `terminal`) and its state now; the task is shown as the hall has it.
   */
  WORKLIST_TASK_TAKEN: ['by', 'terminal', 'state'],
  /**
   * The task has `count` steps recorded while the hall was down, not at the hall yet: an output or
   * a delivery (which claim at the hall) waits until they have arrived.
   */
  WORKLIST_HALL_PENDING: ['count'],
} as const satisfies Record<WorklistErrorCode, readonly string[]>;

export class WorklistError extends AppError {
  declare readonly code: WorklistErrorCode;
  constructor(code: WorklistErrorCode, message: string, params?: ErrorParams) {
    super(code, message, params ? { params } : undefined);
    this.name = 'WorklistError';
  }
}
