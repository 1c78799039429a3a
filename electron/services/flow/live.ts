import type { CardView, CaseView } from '../../api/types';
import type { Card } from '../../../native/id-reader';
import type { FetchResult } from '../licenses';
import type { ProgramArea } from '../registry/types';
import type { Evaluation } from '../rules';

/** What the flow keeps in memory for a case while the citizen is at the counter. */
export interface LiveCase {
  id: string;
  source: 'card' | 'manual';
  card: Card;
  view: CardView;
  openedAt: Date;
  /** The registry fetch started at card read; settles to `result` (never rejects). */
  fetch: Promise<void>;
  result?: FetchResult;
  areas?: { areas: ProgramArea[]; asOf: string; cached: boolean };
  /** Items this resident passes every check of, for ranking the picker. */
  eligible: Set<string>;
  itemCode?: string;
  evaluation?: Evaluation;
  photo?: string;
  override?: { by: string; byName: string; reason: string };
  job?: CaseView['job'];
}
