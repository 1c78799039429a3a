/** Codes of the signature-pad driver; the renderer words each (errors.<CODE>), parameters in the arrays. */
export const SIGPAD_ERRORS = {
  /** No pad of the configured kind is plugged in (or none matches `select`). */
  SIGPAD_NOT_FOUND: ['select'],
  /** The pad was found but could not be opened (permissions, busy, the HID library missing). */
  SIGPAD_OPEN_FAILED: ['detail'],
  /** The pad stopped answering during a capture (unplugged); what was drawn is kept, sign again. */
  SIGPAD_GONE: [],
  /** The capture ended with nothing drawn on the pad. */
  SIGPAD_EMPTY: [],
} as const satisfies Record<string, readonly string[]>;

export type SigPadErrorCode = keyof typeof SIGPAD_ERRORS;

/** A driver error: a stable code for the screen, an English message for the log. */
export class SigPadError extends Error {
  constructor(
    readonly code: SigPadErrorCode,
    message: string,
    readonly params: Record<string, string> = {},
    opts?: { cause?: unknown },
  ) {
    super(message, opts);
    this.name = 'SigPadError';
  }
}
