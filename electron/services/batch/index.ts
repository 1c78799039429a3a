export { readList, previewList, type SourceRow } from './source';
export { guessMapping, readRow, type ColumnMapping, type InputProblem, type RowInput } from './mapping';
export {
  createJob,
  getJob,
  getJobItem,
  listRows,
  countRows,
  setJobState,
  type BatchJob,
  type StoredRow,
  type RowOutcome,
} from './store';
export { BatchRunner, type BatchProgress, type RunnerDeps } from './runner';
export { checkRow, batchRules, type BatchItem } from './check-row';
export { itemSnapshot, readingItem, type JobItem } from './job-item';
export { BatchError, BATCH_ERRORS, type BatchErrorCode } from './errors';
export { writeBatchXlsx } from './report-xlsx';
export { renderBatchSummaryPdf, summaryData, type SummaryIssuer } from './report-pdf';
