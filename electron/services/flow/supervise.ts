import { AppError } from '../errors';
import type { CaseView } from '../../api/types';
import { recordOverride, voidCase } from '../cases';
import { auditCase } from './audit';
import type { FlowContext } from './context';
import { approveOverride } from './override';

/** A supervisor lifts the block of failed or unknown checks, with a reason on record and on the certificate. */
export async function override(
  ctx: FlowContext,
  caseId: string,
  supervisorId: string,
  password: string,
  reason: string,
): Promise<CaseView> {
  const { core, d } = ctx;
  const live = ctx.book.need(caseId);
  const evaluation = live.evaluation;
  if (!live.itemCode || !evaluation) throw new AppError('CASE_NO_ITEM', 'Choose the service item first.');
  if (!evaluation.blocking.length) throw new AppError('CASE_NOT_BLOCKED', 'Every check passed; no override is needed.');
  let sup: { id: string; displayName: string };
  try {
    sup = await approveOverride(core, supervisorId, password);
  } catch (err) {
    auditCase(core, d.cipher, live, 'override-refused', { detail: { supervisor: supervisorId } });
    throw err;
  }
  core.db.transaction(() => {
    recordOverride(core.db, caseId, sup.id, reason);
    auditCase(core, d.cipher, live, 'override', {
      purpose: reason,
      detail: { supervisor: sup.id, blocking: evaluation.blocking.map((c) => c.id) },
    });
  })();
  live.override = { by: sup.id, byName: sup.displayName, reason };
  return ctx.publish(caseId);
}

/** Voids the case in any live state; an issued serial stays on it and is never given out again. */
export function voidFor(ctx: FlowContext, caseId: string, reason: string): CaseView {
  const { core, d } = ctx;
  const live = ctx.book.held(caseId);
  core.db.transaction(() => {
    voidCase(core.db, caseId, core.session?.userId ?? 'unknown', reason);
    auditCase(core, d.cipher, live, 'void', { purpose: reason });
  })();
  return ctx.publish(caseId);
}
