/** Page sizes the counter prints: A4 certificates and CR80 (ID-1, 85.6 x 54 mm) cards. */
export type PageSize = 'A4' | 'CR80';

export type PrinterStateName = 'idle' | 'processing' | 'stopped' | 'unknown';

export interface PrinterInfo {
  /** Queue name as the spooler knows it (CUPS queue, Windows printer name). */
  name: string;
  description?: string;
  location?: string;
  makeAndModel?: string;
  state: PrinterStateName;
  accepting: boolean;
  /** Raw spooler reasons, e.g. IPP printer-state-reasons ['media-empty-error']; never 'none'. */
  reasons: string[];
  /** Spooler's human message (printer-state-message), as given, untranslated. */
  message?: string;
  isDefault: boolean;
  /** Media keywords the printer reports (PWG names like iso_a4_210x297mm); empty if unknown. */
  mediaSupported: string[];
  mediaDefault?: string;
}

/** Job states, following IPP job-state (RFC 8011 5.3.7). */
export type JobStateName =
  'pending' | 'held' | 'processing' | 'processing-stopped' | 'canceled' | 'aborted' | 'completed';

export const TERMINAL_JOB_STATES: ReadonlySet<JobStateName> = new Set(['canceled', 'aborted', 'completed']);

export interface JobSnapshot {
  state: JobStateName;
  /** Raw job-state-reasons, never 'none'. */
  reasons: string[];
  message?: string;
  /** The printer as seen at the same moment, when the backend can tell. */
  printer?: PrinterInfo;
}

export interface PrintDocument {
  /** PDF bytes, or a path to a PDF file. */
  pdf: Uint8Array | { path: string };
  title: string;
  copies?: number;
  media?: PageSize;
}

export interface SubmitRequest extends PrintDocument {
  printer: string;
}

export interface SubmitResult {
  /** Spooler job id, as a string so every backend can use its own form. */
  jobId: string;
  printer: string;
}

/** A job as listed by the spooler, for finding one by name after a restart. */
export interface JobSummary {
  jobId: string;
  printer: string;
  /** job-name (CUPS) or the document name (Windows) as the spooler keeps it. */
  name: string;
  state: JobStateName;
}

export type BackendKind = 'cups' | 'windows' | 'virtual';

/**
 * One spooler. Implementations are stateless about jobs beyond what the spooler keeps;
 * tracking, retry and redirect live in PrintManager so every backend behaves the same.
 */
export interface PrinterBackend {
  readonly kind: BackendKind;
  /** Throws PrintError SPOOLER_DOWN when the spooler cannot be reached. */
  checkSpooler(): Promise<void>;
  listPrinters(): Promise<PrinterInfo[]>;
  /** Resolves as soon as the spooler accepted the job. */
  submit(req: SubmitRequest): Promise<SubmitResult>;
  /** Current job state plus the printer's state; throws PrintError JOB_NOT_FOUND if gone. */
  getJob(printer: string, jobId: string): Promise<JobSnapshot>;
  cancel(printer: string, jobId: string): Promise<void>;
  /**
   * Every job on any queue whose title (SubmitRequest.title) was `title`, finished ones included
   * where the spooler keeps them, so a restart can tell "never sent" from "sent, answer lost".
   * Throws like getJob when the spooler cannot be asked.
   */
  findJobs(title: string): Promise<JobSummary[]>;
  close?(): Promise<void>;
}
