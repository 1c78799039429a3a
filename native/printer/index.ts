// Public API of the printing driver. The app wires: PrintManager (print/retry/redirect/cancel,
// `job` events -> print.job), PrinterMonitor/readPrinters (status bar), choosePrinter (settings).
export type {
  BackendKind,
  JobSnapshot,
  JobStateName,
  JobSummary,
  PageSize,
  PrintDocument,
  PrinterBackend,
  PrinterInfo,
  PrinterStateName,
  SubmitRequest,
  SubmitResult,
} from './types';
export { PRINT_ERRORS, PrintError, type PrintErrorCode, type PrintProblem } from './errors';
export { errorToInfo } from './errors-info';
export type { PrintJobErrorInfo, PrintJobEvent, PrintJobStatus } from './job-events';
export { PrintManager, isFinal, type PrintHandle, type PrintManagerOptions } from './manager';
export { PrinterMonitor, readPrinters, type PrinterStatus, type PrintersSnapshot } from './monitor';
export {
  choosePrinter,
  type PrinterSelection,
  type PrinterSettings,
  type SelectionFailure,
  type SelectionReason,
} from './select';
export { classifyJob, classifyPrinter, type ClassifiedProblem } from './reasons';
export { PAGE_SIZES_MM, mediaKeywordFor, mediaMatches } from './media';
export {
  createBackend,
  openPrinterBackend,
  platformBackendKind,
  type CreatedBackend,
  type PrinterConfig,
} from './factory';
export { CupsBackend, type CupsBackendOptions } from './cups/backend';
export { WindowsBackend, type WindowsBackendOptions } from './windows/backend';
export type { CommandRunner, CommandResult } from './windows/runner';
export type { PdfCommand } from './windows/scripts';
export { VirtualBackend, VIRTUAL_PRINTER_NAME, type VirtualBackendOptions } from './virtual/backend';
