import type { ApplicationView, CaseView, FormView } from '../../api/types';
import type { Card } from '../../../native/id-reader';
import type { FetchResult } from '../licenses';
import type { ProgramArea } from '../registry/types';
import type { Evaluation } from '../rules';
import type { OutputKind } from './outputs/types';

/** What the flow keeps in memory for a case while the citizen is at the counter. */
export interface LiveCase {
  id: string;
  source: 'card' | 'manual';
  /** The clerk who opened it (the case record's clerk). */
  clerkId: string;
  /** Who it is shown to: the clerk, or a supervisor who acted on it since (retry, reprint, void). */
  holder: string;
  card: Card;
  openedAt: Date;
  /** The registry fetch started at card read; settles to `result` (never rejects). */
  fetch: Promise<void>;
  result?: FetchResult;
  /** Program area lists by program id, for the programs the catalog's items declare as evidence sources. */
  areas?: Record<string, { areas: ProgramArea[]; asOf: string; cached: boolean }>;
  /** Items this resident passes every check of, for ranking the picker. */
  eligible: Set<string>;
  itemCode?: string;
  evaluation?: Evaluation;
  photo?: string;
  override?: { by: string; byName: string; reason: string };
  job?: CaseView['job'];
  /** Which of the item's outputs `job` prints (a certificate, or an application's receipt). */
  jobOutput?: OutputKind;
  /** The item's form, prefilled once when the item is chosen (the pool read is audited once). */
  form?: FormView;
  application?: ApplicationView;
}
