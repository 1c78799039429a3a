import type { CaseView } from '../../api/types';
import type { Core } from '../core/core';
import { AppError } from '../errors';
import { ratingRecord, storeRating } from './ratings';
import type { RatingInput, RatingStateView } from './types';

/** How long the citizen's screen waits for a tap before the case counts as not rated. */
export const RATING_TIMEOUT_MS = 60_000;

interface Asked {
  view: CaseView;
  clerkId: string;
  clerk: { staffNo: string; name: string };
  until: Date;
  timer: NodeJS.Timeout;
}

/**
 * One rating prompt at a time (the F8 of the clerk's case). The case, clerk and counter are taken
 * when F8 is pressed, so the clerk closing the case meanwhile changes nothing; the citizen's tap
 * names no case. Unanswered by `until`, the case is recorded as not rated, never given a score.
 */
export class RatingPrompt {
  private asked: Asked | null = null;

  constructor(
    private readonly core: Core,
    private readonly onChange: (r: { caseId: string; until: string } | null, ended?: 'rated' | 'not-rated') => void,
    private readonly timeoutMs = RATING_TIMEOUT_MS,
  ) {}

  ask(view: CaseView): { until: string } {
    const s = this.core.session;
    if (!s) throw new AppError('AUTH_REQUIRED', 'Sign in first.');
    if (this.stateOf(view.caseId).state !== 'none')
      throw new AppError('RATING_ALREADY', 'This case has already been rated.');
    // The previous citizen did not tap before the next F8: their case is recorded as not rated
    // (never dropped, never given a score).
    if (this.asked) this.finish(null);
    const row = this.core.db.prepare('SELECT staff_no FROM accounts WHERE id = ?').get(s.userId) as
      { staff_no: string | null } | undefined;
    const until = new Date(Date.now() + this.timeoutMs);
    const timer = setTimeout(() => this.finish(null), this.timeoutMs);
    timer.unref();
    this.asked = {
      view,
      clerkId: s.userId,
      clerk: { staffNo: row?.staff_no ?? s.userId, name: s.displayName },
      until,
      timer,
    };
    this.onChange({ caseId: view.caseId, until: until.toISOString() });
    return { until: until.toISOString() };
  }

  rate(input: Omit<RatingInput, 'caseId'>): void {
    if (!this.asked) throw new AppError('RATING_NOT_ASKED', 'No case is waiting for a rating.');
    this.finish(input);
  }

  stateOf(caseId: string): RatingStateView {
    if (this.asked?.view.caseId === caseId) return { state: 'asked' };
    const r = this.core.db.prepare('SELECT level FROM ratings WHERE case_id = ?').get(caseId) as
      { level: number | null } | undefined;
    return { state: !r ? 'none' : r.level === null ? 'not-rated' : 'rated' };
  }

  cancel(): void {
    if (this.asked) clearTimeout(this.asked.timer);
    this.asked = null;
  }

  private finish(input: Omit<RatingInput, 'caseId'> | null): void {
    const a = this.asked;
    if (!a) return;
    const c = this.core.config;
    const record = ratingRecord(a.view, { hall: c.hall.id, window: c.counter, clerk: a.clerk }, input, new Date());
    try {
      storeRating(this.core, a.clerkId, record);
    } finally {
      this.cancel();
      this.onChange(null, input ? 'rated' : 'not-rated');
    }
  }
}
