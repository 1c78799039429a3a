import type { Core } from '../core/core';
import { appendAudit } from '../audit';
import { AppError } from '../errors';
import { hallDay } from '../core/calendar';
import type { RatingWire } from '../../../protocol/rating-wire';
import type { BadRatingView, BadRatingsView, FollowUpView } from './types';

const today = () => hallDay(new Date());

interface Row {
  id: number;
  case_id: string;
  item_code: string;
  level: 4 | 5;
  rated_at: string;
  deadline: string;
  record: string;
}

function viewOf(core: Core, r: Row, now: string): BadRatingView {
  const w = JSON.parse(r.record) as RatingWire;
  const followUps = (
    core.db
      .prepare('SELECT kind, note, by_id AS "by", at FROM rating_followups WHERE rating_id = ? ORDER BY id')
      .all(r.id) as FollowUpView[]
  ).map((f) => ({ ...f }));
  const closed = followUps.some((f) => f.kind === 'close');
  return {
    id: r.id,
    caseId: r.case_id,
    itemCode: r.item_code,
    itemName: w.serviceName,
    clerk: { staffNo: w.evaluatedPersonInfo.loginName, name: w.evaluatedPersonInfo.name },
    level: r.level,
    reasons: w.badReasons,
    text: w.badText,
    ratedAt: r.rated_at,
    deadline: r.deadline,
    overdue: !closed && now > r.deadline,
    closed,
    followUps,
  };
}

/** The supervisor's list: open ones first, nearest deadline first; counts per clerk and item. */
export function badRatings(core: Core, now = today()): BadRatingsView {
  const rows = core.db.prepare('SELECT * FROM ratings WHERE bad = 1 ORDER BY deadline, id').all() as Row[];
  const ratings = rows.map((r) => viewOf(core, r, now)).sort((a, b) => Number(a.closed) - Number(b.closed));
  const count = <K extends string>(key: (v: BadRatingView) => K) => {
    const m = new Map<K, { v: BadRatingView; n: number }>();
    for (const v of ratings) m.set(key(v), { v, n: (m.get(key(v))?.n ?? 0) + 1 });
    return [...m.values()].sort((a, b) => b.n - a.n);
  };
  return {
    ratings,
    byClerk: count((v) => v.clerk.staffNo).map(({ v, n }) => ({ ...v.clerk, count: n })),
    byItem: count((v) => v.itemCode).map(({ v, n }) => ({ itemCode: v.itemCode, itemName: v.itemName, count: n })),
  };
}

export function followUp(
  core: Core,
  by: string,
  ratingId: number,
  kind: FollowUpView['kind'],
  note: string,
): BadRatingView {
  const r = core.db.prepare('SELECT * FROM ratings WHERE id = ? AND bad = 1').get(ratingId) as Row | undefined;
  if (!r) throw new AppError('CASE_NOT_FOUND', 'No bad rating with this id.');
  const closed = core.db.prepare("SELECT 1 FROM rating_followups WHERE rating_id = ? AND kind = 'close'").get(ratingId);
  if (closed) throw new AppError('CASE_ILLEGAL_TRANSITION', 'This bad rating is closed.');
  const calledBack = core.db
    .prepare("SELECT 1 FROM rating_followups WHERE rating_id = ? AND kind = 'callback'")
    .get(ratingId);
  // Every bad rating is called back (回访) before it is closed.
  if (kind === 'close' && !calledBack)
    throw new AppError('RATING_CALLBACK_FIRST', 'Call the citizen back (回访) before closing this bad rating.');
  // The follow-up and its audit entry in one transaction: the hall learns of it from the audit log
  // (services/hall/actions.ts, action `rating-followup`), by kind only, never the note.
  core.db.transaction(() => {
    core.db
      .prepare('INSERT INTO rating_followups(rating_id, kind, note, by_id, at) VALUES (?, ?, ?, ?, ?)')
      .run(ratingId, kind, note, by, new Date().toISOString());
    appendAudit(core.db, {
      actor: by,
      action: 'rating-followup',
      caseId: r.case_id,
      itemCode: r.item_code,
      detail: { ratingId, kind },
    });
  })();
  return viewOf(core, r, today());
}
