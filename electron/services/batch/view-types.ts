/** What the batch ops return to the renderer (types only: the renderer imports this file). */

export type BatchJobState = 'ready' | 'running' | 'paused' | 'cancelled' | 'done';
export type BatchOutcome = 'passed' | 'failed' | 'unknown' | 'bad-input';
export type BatchProblem = 'missing-column' | 'id-malformed' | 'duplicate';

export interface BatchMappingView {
  idNumber: number;
  name: number;
  fatherIdNumber?: number;
  motherIdNumber?: number;
}

/** A list column an item may need beyond the ID number and name (the item's listColumns). */
export type BatchListColumn = 'fatherIdNumber' | 'motherIdNumber';
/** A line's ID-number fields, to say whose number is malformed. */
export type BatchIdField = 'idNumber' | BatchListColumn;
/** Whose evidence a condition reads: the applicant (absent) or a parent named on the list. */
export type BatchSubject = 'father' | 'mother';

export interface BatchUploadView {
  uploadId: string;
  received: number;
  complete: boolean;
  /** Once complete: the header, the first lines and a first guess at the mapping. */
  preview?: { header: string[]; rows: string[][]; guess: Partial<BatchMappingView> };
}

/** The first lines read through a mapping: what each becomes, before anything is looked up. */
export interface BatchPreviewView {
  rows: Array<{
    line: number;
    name: string;
    idNumberMasked: string;
    /** The parents' numbers as read, masked; absent when not mapped or empty. */
    fatherIdMasked?: string;
    motherIdMasked?: string;
    problem?: BatchProblem;
    /** With id-malformed: whose number it is. */
    malformed?: BatchIdField[];
  }>;
}

export interface BatchItemView {
  code: string;
  names: { zh: string; en: string };
  /** The list columns the item's rules need beyond ID number and name (the screen asks for them). */
  columns: BatchListColumn[];
  conditions: Array<{ id: string; label: { zh: string; en: string }; subject?: BatchSubject }>;
}

export interface BatchProgressView {
  jobId: string;
  state: BatchJobState;
  done: number;
  total: number;
  /** Rows per second in this run. */
  rate: number;
  /** Seconds left at that rate. */
  etaS?: number;
  /** Whether the registry's batch endpoint is in use now or the run fell back to per-person calls. */
  via: 'batch' | 'single';
  /** Why a run stopped by itself (an AppError code and its parameters, e.g. BATCH_REGISTRY_DOWN). */
  error?: { code: string; params?: Record<string, string | number> };
  /** The job's rows so far by outcome (earlier runs' included); absent before the run's first progress. */
  counts?: Record<BatchOutcome, number>;
}

export interface BatchJobView {
  id: string;
  itemCode: string;
  itemName: { zh: string; en: string };
  reason: string;
  clerkId: string;
  state: BatchJobState;
  total: number | null;
  createdAt: string;
  counts: Record<BatchOutcome, number>;
  progress?: BatchProgressView;
}

export interface BatchCheckView {
  id: string;
  label: { zh: string; en: string };
  result: 'passed' | 'failed' | 'unknown';
  sentence: { zh: string; en: string };
  source?: { typeName: string; number: string };
}

export interface BatchRowView {
  seq: number;
  outcome: BatchOutcome;
  problem?: BatchProblem;
  name: string;
  idNumberMasked: string;
  fatherIdMasked?: string;
  motherIdMasked?: string;
  /** With id-malformed: whose number it is. */
  malformed?: BatchIdField[];
  checks: BatchCheckView[];
}

export interface BatchRowsView {
  total: number;
  rows: BatchRowView[];
}

export interface BatchReportView {
  fileName: string;
  mime: string;
  base64: string;
}
