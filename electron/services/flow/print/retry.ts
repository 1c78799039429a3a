import { AppError } from '../../errors';
import type { CaseView } from '../../../api/types';
import { getCase, recordReprint } from '../../cases';
import { auditCase } from '../audit';
import type { FlowContext } from '../context';
import type { LiveCase } from '../live';
import { LEDGERS, OUTPUTS, type OutputKind } from '../outputs';
import { needPrinting, sendStored, settleMaybeSent } from './send';

/** Which output a retry is for: the job on screen, else the one issued and never confirmed printed. */
function pendingKind(ctx: FlowContext, live: LiveCase): OutputKind {
  if (live.jobOutput) return live.jobOutput;
  const open = LEDGERS.flatMap((l) => l.interrupted(ctx.core.db, ctx.core.config.counter));
  return open.find((i) => i.caseId === live.id)?.kind ?? 'certificate';
}

/** Retry after a printer fault, or finish a print interrupted by a crash, of whichever output it was. */
export async function retryPrint(ctx: FlowContext, caseId: string, printer?: string): Promise<CaseView> {
  const printing = ctx.printing();
  const live = ctx.book.held(caseId);
  const kind = pendingKind(ctx, live);
  const ledger = OUTPUTS[kind].ledger;
  const { db } = ctx.core;
  const known = printing && live.job ? printing.manager.get(live.job.jobId) : undefined;
  if (!printing || !live.job || !known) return sendStored(ctx, caseId, kind, { printer });
  const issued = ledger.state(db, caseId, kind).state === 'issued';
  if (issued) {
    const found = await settleMaybeSent(ctx, caseId, kind);
    if (found) return found;
    ledger.markSendStarted(db, caseId, kind, printer ?? known.printer);
  }
  const handle = printer
    ? await printing.manager.redirect(live.job.jobId, printer)
    : await printing.manager.retry(live.job.jobId);
  // Without this a restart would follow the cancelled first attempt and miss the one now queued.
  if (issued) ledger.markJobAccepted(db, caseId, kind, handle.spoolJobId, handle.printer);
  printing.jobCase.set(handle.id, caseId);
  ctx.jobs.set(handle.id, kind);
  live.job = { jobId: handle.id, printer: handle.printer, state: 'queued' };
  return ctx.publish(caseId);
}

/** A printed certificate again, same serial, marked as a reprint, with who and why on record. */
export async function reprint(ctx: FlowContext, caseId: string, reason: string): Promise<CaseView> {
  const { core, d } = ctx;
  const rec = getCase(core.db, d.cipher, caseId);
  if (rec.state !== 'completed')
    throw new AppError(
      'CASE_NOT_PRINTED',
      'Only a printed certificate can be reprinted; use retry for a failed print.',
    );
  const live = ctx.book.held(caseId);
  core.db.transaction(() => {
    recordReprint(core.db, caseId, core.session?.userId ?? 'unknown', reason);
    auditCase(core, d.cipher, live, 'reprint-requested', { purpose: reason, detail: { serial: rec.serial } });
  })();
  return sendStored(ctx, caseId, 'certificate', { copy: true });
}

/**
 * The application's or the receipt's print button: issued and stored at the first press, then
 * sent like a certificate. A press while its job is under way changes nothing; one after a
 * printer fault retries; once printed it gives the citizen another copy.
 */
export async function printDocument(ctx: FlowContext, caseId: string, kind: OutputKind): Promise<CaseView> {
  const live = ctx.book.held(caseId);
  const out = OUTPUTS[kind];
  const st = out.ledger.state(ctx.core.db, caseId, kind);
  if (st.state === 'voided')
    throw new AppError('CASE_ILLEGAL_TRANSITION', 'This case was voided; its documents are not printed any more.');
  if (st.state === 'printed') return sendStored(ctx, caseId, kind, { copy: true });
  // Nothing is issued while no printer could take it: an unprinted receipt is not an interruption.
  needPrinting(ctx, kind);
  const issued = st.state === 'none' ? await out.issue(ctx, live, ctx.item(live) ?? missingItem(), kind) : undefined;
  if (live.jobOutput === kind && live.job) {
    if (live.job.state === 'error') return retryPrint(ctx, caseId);
    if (live.job.state !== 'cancelled') return ctx.publish(caseId);
  }
  return sendStored(ctx, caseId, kind, { issued });
}

function missingItem(): never {
  throw new AppError('CASE_NO_ITEM', 'Choose the service item first.');
}
