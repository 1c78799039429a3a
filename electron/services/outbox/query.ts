import type { CaseSubmissionsView, SubmissionView } from '../../api/types';
import type { Db } from '../db/open';
import { openReason, selectRows } from './store';
import type { OutboxCipher, OutboxRow } from './types';

const NEEDS_ACTION_STATES = ['rejected', 'more-info'];

const needsAction = (r: OutboxRow) =>
  r.handledAt === null && (r.state === 'dead' || NEEDS_ACTION_STATES.includes(r.remoteState ?? ''));

export function toView(db: Db, cipher: OutboxCipher, r: OutboxRow): SubmissionView {
  const reason = r.remoteState ? openReason(db, cipher, r) : undefined;
  return {
    id: r.id,
    kind: r.kind,
    ...(r.caseId ? { caseId: r.caseId } : {}),
    receiver: r.receiver.slice(r.receiver.indexOf(':') + 1),
    ...(r.itemCode ? { itemCode: r.itemCode } : {}),
    delivery: r.state,
    attempts: r.attempts,
    ...(r.lastError ? { lastError: r.lastError } : {}),
    ...(r.state === 'pending' ? { nextAttemptAt: new Date(r.nextAttemptAt).toISOString() } : {}),
    ...(r.remoteState ? { status: r.remoteState } : {}),
    ...(r.remoteId ? { receiptId: r.remoteId } : {}),
    ...(reason ? { reason } : {}),
    ...(r.final && r.remoteAt ? { decidedAt: r.remoteAt } : {}),
    final: r.final,
    needsAction: needsAction(r),
    createdAt: r.createdAt,
    ...(r.deliveredAt ? { deliveredAt: r.deliveredAt } : {}),
  };
}

/** 办结 is derived, never stored: a case is completed when it has submissions and every one is final. */
export function caseCompletion(db: Db, caseId: string): CaseSubmissionsView['completion'] {
  const r = db
    .prepare("SELECT count(*) n, coalesce(sum(final), 0) f FROM outbox WHERE case_id = ? AND kind = 'submission'")
    .get(caseId) as { n: number; f: number };
  if (r.n === 0) return 'no-submissions';
  return r.f === r.n ? 'completed' : 'pending';
}

export function caseSubmissions(db: Db, cipher: OutboxCipher, caseId: string): CaseSubmissionsView {
  const rows = selectRows(db, "case_id = ? AND kind = 'submission' ORDER BY id", caseId);
  return { caseId, completion: caseCompletion(db, caseId), submissions: rows.map((r) => toView(db, cipher, r)) };
}

/**
 * A clerk's submissions: those needing action first (oldest first, they have waited longest), then
 * the still undecided; decided ones only when asked for. Bounded, newest cases first within a group.
 */
export function mySubmissions(
  db: Db,
  cipher: OutboxCipher,
  clerkId: string,
  o: { onlyNeedsAction?: boolean; limit?: number } = {},
): SubmissionView[] {
  const limit = Math.min(o.limit ?? 200, 500);
  const rows = selectRows(
    db,
    `clerk_id = ? AND kind = 'submission' AND (final = 0 OR (handled_at IS NULL AND (state = 'dead' OR remote_state IN ('rejected', 'more-info'))))
     ORDER BY created_at DESC, id DESC LIMIT ?`,
    clerkId,
    limit,
  );
  const views = rows.map((r) => toView(db, cipher, r));
  const act = views.filter((v) => v.needsAction).reverse();
  if (o.onlyNeedsAction) return act.slice(0, limit);
  const open = views.filter((v) => !v.needsAction && !v.final);
  return [...act, ...open].slice(0, limit);
}
