import type { PrintErrorCode } from './errors';

export type PrintJobStatus = 'queued' | 'processing' | 'completed' | 'error' | 'canceled';

export interface PrintJobErrorInfo {
  code: PrintErrorCode;
  /** Values the code's text uses; the renderer words the code (errors.<CODE>). */
  params?: Record<string, string | number>;
  /** Raw spooler reasons (IPP keywords) behind the code. */
  reasons: string[];
  detail?: string;
  /**
   * false: the job is still queued at the spooler and will print by itself once the cause is
   * fixed (paper loaded, printer back online). true: the spooler gave up; retry or redirect.
   */
  terminal: boolean;
}

/** One event per change of a job's status or error code; payload of the `print.job` API event. */
export interface PrintJobEvent {
  /** Stable across retries and redirects. */
  id: string;
  title: string;
  /** 1 for the first submission, +1 per retry/redirect. */
  attempt: number;
  printer: string;
  /** Spooler job id of the current attempt; null if the spooler never accepted it. */
  spoolJobId: string | null;
  status: PrintJobStatus;
  error?: PrintJobErrorInfo;
  /** Epoch ms. */
  at: number;
}

export function errorInfo(
  code: PrintErrorCode,
  reasons: string[],
  terminal: boolean,
  detail?: string,
  params?: Record<string, string | number>,
): PrintJobErrorInfo {
  return { code, ...(params ? { params } : {}), reasons, terminal, ...(detail ? { detail } : {}) };
}
