import type { EventPayload, OpResult } from '../../../electron/api/contract';
import { ApiCallError } from '../api/client';
import { errorText } from '../i18n';

export type Job = OpResult<'batch.get'>;
export type Upload = OpResult<'batch.upload'>;
export type Progress = EventPayload<'batch.progress'>;
export type Rows = OpResult<'batch.rows'>;
export type Row = Rows['rows'][number];
export type Item = OpResult<'batch.items'>[number];

/** An API error in the UI language (errors.<CODE>). */
export const batchErrorText = (err: unknown): string =>
  err instanceof ApiCallError ? errorText(err.error) : String(err);

/** A row outcome's tag colour, the same on the run's tally and in the report. */
export const OUTCOME_COLOR = { passed: 'green', failed: 'red', unknown: 'gold', 'bad-input': 'orange' } as const;
export const OUTCOMES = ['passed', 'failed', 'unknown', 'bad-input'] as const;

export const finished = (j: Pick<Job, 'state'>) => j.state === 'done' || j.state === 'cancelled';
