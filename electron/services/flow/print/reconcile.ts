import type { CaseView } from '../../../api/types';
import { mayHandleCases } from '../../accounts/roles';
import { auditCase } from '../audit';
import type { FlowContext } from '../context';
import { LEDGERS, OUTPUTS, type OutputKind } from '../outputs';
import type { InterruptedPrint } from '../outputs/types';
import { settleMaybeSent, track } from './send';

const unprinted = (ctx: FlowContext): InterruptedPrint[] =>
  LEDGERS.flatMap((l) => l.interrupted(ctx.core.db, ctx.core.config.counter));

/** Issued outputs never confirmed printed, as their cases, for the clerk to finish or void. */
export function interrupted(ctx: FlowContext): CaseView[] {
  // Names of citizens: only for the roles that finish or void these prints.
  if (!mayHandleCases(ctx.core.session)) return [];
  const ids = [...new Set(unprinted(ctx).map((i) => i.caseId))];
  return ids.map((id) => (ctx.book.load(id), ctx.view(id)));
}

/**
 * After a restart: a job the spooler finished while the app was down is recorded as completed,
 * not printed twice; one it still holds (queued, printing, blocked on paper) is tracked again, so
 * it completes by itself and a retry cancels it first. Jobs the spooler dropped, aborted or
 * cannot find stay in the interrupted list for the clerk. The same for every output kind.
 */
export async function reconcile(ctx: FlowContext): Promise<{ completed: number; tracked: number }> {
  const out = { completed: 0, tracked: 0 };
  if (!ctx.printing()) return out;
  for (const i of unprinted(ctx)) {
    const r = await (i.sendStartedAt ? settleSend(ctx, i) : followJob(ctx, i));
    if (r) out[r] += 1;
  }
  return out;
}

type Outcome = 'completed' | 'tracked' | undefined;

/** A send was under way when the app died: only the spooler knows whether it took the job. */
async function settleSend(ctx: FlowContext, i: InterruptedPrint): Promise<Outcome> {
  const found = await settleMaybeSent(ctx, i.caseId, i.kind).catch((err: unknown) => {
    const why = err instanceof Error ? err.message : String(err);
    ctx.core.log(`could not ask the spooler about ${i.title}: ${why}; it is asked again before any retry`);
    return undefined;
  });
  return found?.job?.state === 'completed' ? 'completed' : found ? 'tracked' : undefined;
}

/** The spooler had taken the job: did it print while the app was down? */
async function followJob(ctx: FlowContext, i: InterruptedPrint): Promise<Outcome> {
  if (!i.printJobId || !i.printer) return undefined;
  const printing = ctx.printing()!;
  try {
    const job = await printing.backend.getJob(i.printer, i.printJobId);
    if (job.state === 'completed') {
      completedOffline(ctx, i, i.kind);
      return 'completed';
    }
    if (job.state === 'pending' || job.state === 'processing' || job.state === 'held')
      return (await track(ctx, i.caseId, i.kind, i.printer, i.printJobId)) ? 'tracked' : undefined;
  } catch (err) {
    ctx.log(`could not check print job ${i.printJobId} on ${i.printer}`, err);
  }
  return undefined;
}

function completedOffline(ctx: FlowContext, i: InterruptedPrint, kind: OutputKind): void {
  const { core, d } = ctx;
  const out = OUTPUTS[kind];
  const live = ctx.book.load(i.caseId);
  core.db.transaction(() => {
    out.ledger.markCompleted(core.db, i.caseId, kind);
    auditCase(core, d.cipher, live, 'print-completed-while-offline', {
      detail: { ...out.names(i), printer: i.printer, spoolJob: i.printJobId },
    });
  })();
}
