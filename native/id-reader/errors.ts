/**
 * Every failure the driver reports is a ReaderError with a stable `code` (READER_ERRORS); the
 * renderer words the code, the English message is for logs and says what to do.
 */
export type ReaderErrorCode =
  | 'FRAME_BAD_CHECKSUM'
  | 'FRAME_BAD_LENGTH'
  | 'FRAME_TOO_LONG'
  | 'FRAME_GARBAGE'
  | 'FRAME_TRUNCATED'
  | 'REPLY_MALFORMED'
  | 'REPLY_STATUS'
  | 'COMMAND_TIMEOUT'
  | 'COMMAND_INVALID'
  | 'TRANSPORT_OPEN_FAILED'
  | 'TRANSPORT_CLOSED'
  | 'TRANSPORT_WRITE_FAILED'
  | 'HID_BINDING_UNAVAILABLE'
  | 'READER_TABLE_INVALID'
  | 'USB_BINDING_UNAVAILABLE'
  | 'USB_PERMISSION'
  | 'USB_DRIVER_MISSING'
  | 'USB_BUSY'
  | 'USB_STALL'
  | 'READER_UNSUPPORTED'
  | 'NO_READER'
  | 'CARD_TEXT_INVALID'
  | 'CARD_INPUT_INVALID'
  | 'RESOURCE_INVALID';

/** Every code the reader driver reports, with the parameters its text uses; the renderer words each (errors.<CODE>). A code added to ReaderErrorCode must be added here (the type check says so), then worded in zh-CN and en. */
export const READER_ERRORS = {
  FRAME_BAD_CHECKSUM: [],
  FRAME_BAD_LENGTH: [],
  FRAME_TOO_LONG: [],
  FRAME_GARBAGE: [],
  FRAME_TRUNCATED: [],
  REPLY_MALFORMED: [],
  REPLY_STATUS: ['sw3'],
  COMMAND_TIMEOUT: [],
  COMMAND_INVALID: [],
  TRANSPORT_OPEN_FAILED: [],
  TRANSPORT_CLOSED: [],
  TRANSPORT_WRITE_FAILED: [],
  HID_BINDING_UNAVAILABLE: [],
  READER_TABLE_INVALID: [],
  USB_BINDING_UNAVAILABLE: [],
  USB_PERMISSION: ['vidPid', 'rule'],
  USB_DRIVER_MISSING: ['vidPid'],
  USB_BUSY: ['vidPid'],
  USB_STALL: [],
  // reasonZh also travels: the page shows it in place of reason in Chinese.
  READER_UNSUPPORTED: ['vidPid', 'reason'],
  NO_READER: [],
  CARD_TEXT_INVALID: [],
  CARD_INPUT_INVALID: [],
  RESOURCE_INVALID: [],
} as const satisfies Record<ReaderErrorCode, readonly string[]>;

export class ReaderError extends Error {
  override readonly name = 'ReaderError';
  readonly code: ReaderErrorCode;
  /** SW3 of the reply when code is REPLY_STATUS. */
  readonly sw3?: number;
  /** Values the code's text uses (READER_ERRORS lists them). */
  readonly params?: Record<string, string | number>;

  constructor(
    code: ReaderErrorCode,
    message: string,
    opts: { sw3?: number; cause?: unknown; params?: Record<string, string | number> } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    if (opts.sw3 !== undefined) {
      this.sw3 = opts.sw3;
      this.params = { sw3: opts.sw3.toString(16).toUpperCase().padStart(2, '0') };
    }
    if (opts.params) this.params = { ...this.params, ...opts.params };
  }

  toJSON(): { code: ReaderErrorCode; message: string; sw3?: number } {
    return this.sw3 === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, sw3: this.sw3 };
  }
}

export function isReaderError(e: unknown): e is ReaderError {
  return e instanceof ReaderError;
}

/** Wraps anything thrown by a library into a ReaderError so callers only ever see one shape. */
export function asReaderError(e: unknown, code: ReaderErrorCode, what: string): ReaderError {
  if (e instanceof ReaderError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new ReaderError(code, `${what}: ${detail}`, { cause: e });
}
