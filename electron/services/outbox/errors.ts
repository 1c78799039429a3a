import { AppError } from '../errors';

/**
 * Codes a caller or the clerk sees. The delivery codes (UNREACHABLE … MALFORMED) are also what a
 * message's last_error holds, so the "my submissions" list words them like any other error.
 */
export type OutboxErrorCode =
  | 'OUTBOX_INPUT_INVALID'
  | 'OUTBOX_KEY_CONFLICT'
  | 'OUTBOX_NOT_FOUND'
  | 'OUTBOX_RECEIVER_UNKNOWN'
  | 'OUTBOX_DATA_UNREADABLE'
  | 'OUTBOX_UNREACHABLE'
  | 'OUTBOX_TIMEOUT'
  | 'OUTBOX_SERVER_ERROR'
  | 'OUTBOX_REFUSED'
  | 'OUTBOX_CONFLICT'
  | 'OUTBOX_MALFORMED';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const OUTBOX_ERRORS = {
  OUTBOX_INPUT_INVALID: [],
  OUTBOX_KEY_CONFLICT: [],
  OUTBOX_NOT_FOUND: [],
  OUTBOX_RECEIVER_UNKNOWN: [],
  OUTBOX_DATA_UNREADABLE: [],
  OUTBOX_UNREACHABLE: [],
  OUTBOX_TIMEOUT: [],
  OUTBOX_SERVER_ERROR: [],
  OUTBOX_REFUSED: [],
  OUTBOX_CONFLICT: [],
  OUTBOX_MALFORMED: [],
} as const satisfies Record<OutboxErrorCode, readonly string[]>;

export class OutboxError extends AppError {
  declare readonly code: OutboxErrorCode;
  constructor(code: OutboxErrorCode, message: string, field?: string) {
    super(code, message, field);
    this.name = 'OutboxError';
  }
}

/**
 * A failed delivery or poll. `retryable` false means the receiver refused this message for good
 * (a bad signature, a schema it rejects, a key reused with other content): retrying the same bytes
 * cannot help, so the message goes to the clerk's "needs action" list instead.
 */
export class DeliveryError extends OutboxError {
  constructor(
    code: OutboxErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(code, message);
    this.name = 'DeliveryError';
  }
}
