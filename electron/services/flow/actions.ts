import type { CaseActions } from '../../api/types';
import type { CaseRecord } from '../cases';
import { canStep } from '../cases/state';
import type { LiveCase } from './live';

/**
 * The one place that says whether a case's checks still block it: a failed or unknown check does,
 * unless a supervisor approved the case (kept in the record, so it holds after a restart).
 */
export function blocked(live: Pick<LiveCase, 'evaluation' | 'override'>): boolean {
  return !!live.evaluation?.blocking.length && !live.override;
}

/**
 * What the clerk may do with the case now, derived from its state; the page shows buttons from
 * this and re-derives nothing. The server still checks each operation when it is called.
 */
export function caseActions(live: LiveCase, rec: CaseRecord | undefined): CaseActions {
  const state = rec?.state ?? 'open';
  const open = state === 'open';
  const fetched = !!live.result;
  const chosen = !!live.itemCode && !!live.evaluation;
  return {
    // An approval is for one item's checks: an overridden case keeps its item.
    chooseItem: canStep(state, 'chooseItem') && !live.override,
    preview: chosen,
    print: open && fetched && chosen && !blocked(live),
    override: open && chosen && !!live.evaluation?.blocking.length && !live.override,
    // Issued but never confirmed at the spooler (a crash), or a job that failed there.
    retry: (state === 'accepted' && !live.job) || (live.job?.state === 'error' && state !== 'voided'),
    reprint: canStep(state, 'reprint'),
    void: !!rec?.serial && canStep(state, 'void'),
    apply: open && fetched && chosen && !!live.form && !live.application && !blocked(live),
  };
}
