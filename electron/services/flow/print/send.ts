import { AppError } from '../../errors';
import type { CaseView } from '../../../api/types';
import { findAtSpooler } from '../../cases';
import type { PrintingService } from '../../printing/service';
import { auditCase } from '../audit';
import type { FlowContext } from '../context';
import { OUTPUTS, type OutputKind, type Printable } from '../outputs';

export function pickPrinter(printing: PrintingService, page: 'A4' | 'CR80'): string {
  const p = printing.printerFor(page);
  if ('error' in p) throw p.error;
  return p.printer;
}

export function needPrinting(ctx: FlowContext, kind: OutputKind): PrintingService {
  const printing = ctx.printing();
  if (!printing) throw new AppError('PRINTER_UNAVAILABLE', OUTPUTS[kind].texts.noPrinter);
  return printing;
}

/**
 * Sends an output's stored document to the spooler; first prints, retries and copies alike. A
 * first print is recorded as under way (committed) before the job leaves and as accepted with
 * the spooler's job id after; a case whose earlier send may have reached the spooler is looked
 * up there first (settleMaybeSent). A copy of a printed document is titled as such and not
 * reconciled: a crash during its send can give a second copy.
 */
export async function sendStored(
  ctx: FlowContext,
  caseId: string,
  kind: OutputKind,
  o: { printer?: string | undefined; copy?: boolean; issued?: Printable | undefined } = {},
): Promise<CaseView> {
  const out = OUTPUTS[kind];
  const doc = o.issued ?? (await out.stored(ctx, caseId, kind));
  if (!doc) throw new AppError('CASE_NO_DOCUMENT', out.texts.noDocument);
  const printing = needPrinting(ctx, kind);
  if (!o.copy) {
    const found = await settleMaybeSent(ctx, caseId, kind);
    if (found) return found;
  }
  const { db } = ctx.core;
  const target = o.printer ?? pickPrinter(printing, doc.page);
  const pdf = await doc.pdf(!!o.copy);
  if (!o.copy) out.ledger.markSendStarted(db, caseId, kind, target);
  const handle = await printing.manager.print({
    printer: target,
    title: `${doc.title}${o.copy ? ' 补打' : ''}`,
    pdf,
    media: doc.page,
  });
  printing.jobCase.set(handle.id, caseId);
  ctx.jobs.set(handle.id, kind);
  const live = ctx.book.held(caseId);
  auditCase(ctx.core, ctx.d.cipher, live, o.copy ? out.copyAction : 'print', {
    detail: { ...out.names(doc), printer: handle.printer, job: handle.id },
  });
  live.job = { jobId: handle.id, printer: handle.printer, state: 'queued' };
  live.jobOutput = kind;
  // The spooler's own job id survives a restart of this app; the manager's id does not.
  if (!o.copy) out.ledger.markJobAccepted(db, caseId, kind, handle.spoolJobId, handle.printer);
  return ctx.publish(caseId);
}

/**
 * An output whose last send may have reached the spooler (send recorded, answer not) is looked
 * up there by its title before anything is sent: a job that printed completes it, one still
 * held is followed; either way the view is returned and nothing is sent. Extra held copies
 * (from a double send) are cancelled. Undefined means the spooler has no live job for it and
 * the caller may send. A spooler that cannot be asked throws: nothing may be sent.
 */
export async function settleMaybeSent(
  ctx: FlowContext,
  caseId: string,
  kind: OutputKind,
): Promise<CaseView | undefined> {
  const printing = ctx.printing();
  const out = OUTPUTS[kind];
  const { db } = ctx.core;
  const st = out.ledger.state(db, caseId, kind);
  if (!printing || st.state !== 'issued' || !st.sendStartedAt || !st.title) return undefined;
  const title = st.title;
  const found = await findAtSpooler(printing.backend, title);
  for (const d of found.duplicates)
    await printing.backend
      .cancel(d.printer, d.jobId)
      .catch((e: unknown) => ctx.core.log(`could not cancel duplicate job ${d.jobId} of ${title}: ${String(e)}`));
  const job = found.printed ?? found.waiting;
  if (!job) return undefined;
  const live = ctx.book.load(caseId);
  db.transaction(() => {
    out.ledger.markJobAccepted(db, caseId, kind, job.jobId, job.printer);
    if (found.printed) out.ledger.markCompleted(db, caseId, kind);
    auditCase(ctx.core, ctx.d.cipher, live, 'print-found-at-spooler', {
      detail: { ...out.names({ kind, title }), printer: job.printer, spoolJob: job.jobId, state: job.state },
    });
  })();
  if (found.waiting) await track(ctx, caseId, kind, job.printer, job.jobId);
  else {
    live.job = { jobId: `spool:${job.jobId}`, printer: job.printer, state: 'completed' };
    live.jobOutput = kind;
  }
  return ctx.publish(caseId);
}

/** Follows a job the spooler holds (after a restart or a lost answer), so it completes by itself and a retry cancels it first. */
export async function track(
  ctx: FlowContext,
  caseId: string,
  kind: OutputKind,
  printer: string,
  spoolJobId: string,
): Promise<boolean> {
  const printing = ctx.printing()!;
  const doc = await OUTPUTS[kind].stored(ctx, caseId, kind);
  if (!doc) return false;
  const handle = await printing.manager.adopt(
    { printer, title: doc.title, pdf: await doc.pdf(false), media: doc.page },
    spoolJobId,
  );
  printing.jobCase.set(handle.id, caseId);
  ctx.jobs.set(handle.id, kind);
  const live = ctx.book.load(caseId);
  live.job = {
    jobId: handle.id,
    printer: handle.printer,
    state: printing.manager.get(handle.id)?.status === 'processing' ? 'processing' : 'queued',
  };
  live.jobOutput = kind;
  return true;
}
