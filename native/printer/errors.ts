/**
 * Every code the printer driver reports, with the parameters its text may use (English sentences
 * for logs are below). The clerk never sees these sentences: the renderer words each code in zh-CN
 * and en (renderer/src/i18n, errors.<CODE>), and a test fails if one has no text there.
 */
export const PRINT_ERRORS = {
  PRINTER_OFFLINE: [],
  PRINTER_MEDIA_EMPTY: [],
  PRINTER_MEDIA_JAM: [],
  PRINTER_DOOR_OPEN: [],
  PRINTER_TONER_EMPTY: [],
  PRINTER_STOPPED: [],
  PRINTER_NOT_ACCEPTING: [],
  /** The named queue does not exist (removed or renamed). */
  PRINTER_NOT_FOUND: ['printer'],
  /** The system has no printer at all. */
  PRINTER_NONE: [],
  /** Printers exist, but none takes this page size. */
  PRINTER_NO_MEDIA: ['size'],
  SPOOLER_DOWN: [],
  SPOOLER_REFUSED: [],
  DOCUMENT_INVALID: [],
  JOB_NOT_FOUND: [],
  JOB_CANCELED: [],
  JOB_ABORTED: [],
  UNKNOWN: [],
} as const satisfies Record<string, readonly string[]>;

export type PrintErrorCode = keyof typeof PRINT_ERRORS;

/** English, for logs and developers only. */
const LOG: Record<PrintErrorCode, string> = {
  PRINTER_OFFLINE: 'The printer cannot be reached (offline, switched off or disconnected).',
  PRINTER_MEDIA_EMPTY: 'The printer is out of paper.',
  PRINTER_MEDIA_JAM: 'Paper is jammed in the printer.',
  PRINTER_DOOR_OPEN: 'A printer door or cover is open.',
  PRINTER_TONER_EMPTY: 'The printer is out of toner or ribbon.',
  PRINTER_STOPPED: 'The printer is paused in the print queue.',
  PRINTER_NOT_ACCEPTING: 'The printer is not accepting jobs.',
  PRINTER_NOT_FOUND: 'The selected printer does not exist (removed or renamed).',
  PRINTER_NONE: 'The system has no printers.',
  PRINTER_NO_MEDIA: 'No printer takes this page size.',
  SPOOLER_DOWN: 'The system print service is not running.',
  SPOOLER_REFUSED: 'The print service refused the job (permission or unsupported option).',
  DOCUMENT_INVALID: 'The document is not a readable PDF.',
  JOB_NOT_FOUND: 'The job is no longer in the print queue.',
  JOB_CANCELED: 'The print job was cancelled.',
  JOB_ABORTED: 'The print service aborted the job.',
  UNKNOWN: 'The printer reported an unrecognised problem.',
};

export interface PrintProblem {
  code: PrintErrorCode;
  /** Values the code's text uses, e.g. { printer } for PRINTER_NOT_FOUND. */
  params?: Record<string, string | number>;
  /** The spooler's own reasons/message behind the code, kept for logs and the details pane. */
  reasons: string[];
  detail?: string;
}

export class PrintError extends Error {
  readonly code: PrintErrorCode;
  readonly params?: Record<string, string | number>;
  readonly reasons: string[];
  readonly detail?: string;
  /** Set by PrintManager when the failed submission is kept and can be retried by this id. */
  jobId?: string;

  constructor(
    code: PrintErrorCode,
    opts: { reasons?: string[]; detail?: string; params?: Record<string, string | number>; cause?: unknown } = {},
  ) {
    const m = LOG[code];
    super(opts.detail ? `${m} (${opts.detail})` : m, { cause: opts.cause });
    this.name = 'PrintError';
    this.code = code;
    if (opts.params) this.params = opts.params;
    this.reasons = opts.reasons ?? [];
    if (opts.detail !== undefined) this.detail = opts.detail;
  }

  toProblem(): PrintProblem {
    return {
      code: this.code,
      reasons: this.reasons,
      ...(this.params ? { params: this.params } : {}),
      ...(this.detail ? { detail: this.detail } : {}),
    };
  }
}
