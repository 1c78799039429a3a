import type { PrintJobEvent } from '../../../../native/printer';
import type { FlowContext } from '../context';
import { OUTPUTS } from '../outputs';

/**
 * The print manager's job events, for whichever output the job prints: the case's view follows
 * the job, and a job that completed completes the output's print record.
 */
export function followJobs(ctx: FlowContext): void {
  const printing = ctx.printing();
  printing?.manager.on('job', (e: PrintJobEvent) => {
    const caseId = printing.jobCase.get(e.id);
    if (!caseId) return;
    const kind = ctx.jobs.get(e.id) ?? 'certificate';
    const live = ctx.book.peek(caseId);
    if (live) {
      live.job = {
        jobId: e.id,
        printer: e.printer,
        state: e.status === 'canceled' ? 'cancelled' : e.status,
        ...(e.error ? { code: e.error.code, params: { printer: e.printer, ...e.error.params } } : {}),
      };
      live.jobOutput = kind;
    }
    if (e.status === 'completed') {
      const ledger = OUTPUTS[kind].ledger;
      try {
        if (ledger.state(ctx.core.db, caseId, kind).state === 'issued') ledger.markCompleted(ctx.core.db, caseId, kind);
      } catch (err) {
        ctx.log(`case ${caseId}: could not record completion`, err);
      }
    }
    if (live) ctx.publish(caseId);
  });
}
