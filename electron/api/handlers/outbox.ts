import { AppError } from '../errors';
import { effectiveRoles } from '../../services/accounts/roles';
import { caseSubmissions, getMessage, markHandled, mySubmissions, toView } from '../../services/outbox';
import { need } from '../../services/wiring/services';
import type { HandlerContext, HandlerSlice } from './types';

type OutboxOps = 'submissions.forCase' | 'submissions.mine' | 'submissions.markHandled';

function ctxOf(ctx: HandlerContext) {
  need(ctx.core.services.outbox, 'The submissions service');
  const cipher = need(ctx.core.services.cipher, 'The data key');
  const session = need(ctx.core.session ?? undefined, 'A signed-in session');
  return {
    db: ctx.core.db,
    cipher,
    userId: session.userId,
    supervisor: effectiveRoles(session.roles).includes('supervisor'),
  };
}

/** A clerk sees the submissions of the cases they took; a supervisor sees every one on this terminal. */
function assertMine(c: ReturnType<typeof ctxOf>, clerkIds: ReadonlyArray<string | null>): void {
  if (c.supervisor) return;
  if (clerkIds.some((k) => k !== c.userId)) {
    throw new AppError(
      'CASE_NOT_YOURS',
      "These submissions belong to another clerk's case; ask that clerk or a supervisor.",
    );
  }
}

export const outboxHandlers: HandlerSlice<OutboxOps> = {
  'submissions.forCase': (ctx, { caseId }) => {
    const c = ctxOf(ctx);
    const v = caseSubmissions(c.db, c.cipher, caseId);
    assertMine(
      c,
      c.db.prepare('SELECT clerk_id FROM outbox WHERE case_id = ?').pluck().all(caseId) as Array<string | null>,
    );
    return v;
  },
  'submissions.mine': (ctx, { onlyNeedsAction }) => {
    const c = ctxOf(ctx);
    return mySubmissions(c.db, c.cipher, c.userId, { onlyNeedsAction });
  },
  'submissions.markHandled': (ctx, { id }) => {
    const c = ctxOf(ctx);
    assertMine(c, [getMessage(c.db, id).clerkId]);
    markHandled(c.db, id);
    const view = toView(c.db, c.cipher, getMessage(c.db, id));
    ctx.core.bus.emit('submission.changed', view);
    return view;
  },
};
