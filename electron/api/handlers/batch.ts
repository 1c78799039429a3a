import { join } from 'node:path';
import { appendAudit } from '../../services/audit';
import { effectiveRoles } from '../../services/accounts/roles';
import { AppError } from '../errors';
import { previewRows } from '../../services/batch/preview';
import { guessMapping, previewList } from '../../services/batch';
import { need } from '../../services/wiring/services';
import type { HandlerContext, HandlerSlice } from './types';

type BatchOps =
  | 'batch.items'
  | 'batch.upload'
  | 'batch.preview'
  | 'batch.start'
  | 'batch.list'
  | 'batch.get'
  | 'batch.pause'
  | 'batch.resume'
  | 'batch.cancel'
  | 'batch.rows'
  | 'batch.report';

function ctxOf(ctx: HandlerContext) {
  const batch = need(ctx.core.services.batch, 'Batch checks');
  const session = need(ctx.core.session ?? undefined, 'A signed-in session');
  return { batch, session, supervisor: effectiveRoles(session.roles).includes('supervisor') };
}

/** Station staff work on the batches they started; a supervisor on every batch of the terminal. */
function mine(c: ReturnType<typeof ctxOf>, jobId: string): string {
  const job = c.batch.job(jobId);
  if (!c.supervisor && job.clerkId !== c.session.userId)
    throw new AppError('CASE_NOT_YOURS', 'This batch check was started by someone else; ask them or a supervisor.');
  return jobId;
}

export const batchHandlers: HandlerSlice<BatchOps> = {
  'batch.items': (ctx) => ctxOf(ctx).batch.items(),
  'batch.upload': async (ctx, i) => {
    const c = ctxOf(ctx);
    const up = c.batch.uploads;
    const uploadId = i.uploadId ?? up.begin(i.fileName, i.size);
    const received = up.write(uploadId, i.size, i.offset, Buffer.from(i.data, 'base64'));
    if (received < i.size) return { uploadId, received, complete: false };
    const { header, rows } = await previewList(up.path(uploadId), 10);
    return { uploadId, received, complete: true, preview: { header, rows, guess: guessMapping(header) } };
  },
  'batch.preview': async (ctx, i) => {
    const c = ctxOf(ctx);
    return { rows: await previewRows(c.batch.uploads.path(i.uploadId), i.mapping, 20) };
  },
  'batch.start': (ctx, i) => {
    const c = ctxOf(ctx);
    const view = c.batch.start({
      source: c.batch.uploads.path(i.uploadId),
      itemCode: i.itemCode,
      reason: i.reason,
      mapping: i.mapping,
      clerkId: c.session.userId,
    });
    appendAudit(ctx.core.db, {
      action: 'batch-start',
      actor: c.session.userId,
      itemCode: i.itemCode,
      caseId: view.id,
      purpose: i.reason,
      detail: { total: view.total },
    });
    return view;
  },
  'batch.list': (ctx) => {
    const c = ctxOf(ctx);
    return c.batch.list().filter((j) => c.supervisor || j.clerkId === c.session.userId);
  },
  'batch.get': (ctx, { jobId }) => {
    const c = ctxOf(ctx);
    return c.batch.view(mine(c, jobId));
  },
  'batch.pause': (ctx, { jobId }) => {
    const c = ctxOf(ctx);
    return c.batch.pause(mine(c, jobId));
  },
  'batch.resume': (ctx, { jobId }) => {
    const c = ctxOf(ctx);
    return c.batch.resume(mine(c, jobId), c.session.userId);
  },
  'batch.cancel': (ctx, { jobId }) => {
    const c = ctxOf(ctx);
    return c.batch.cancel(mine(c, jobId));
  },
  'batch.rows': (ctx, i) => {
    const c = ctxOf(ctx);
    const { jobId, ...f } = i;
    return c.batch.rows(mine(c, jobId), f);
  },
  'batch.report': async (ctx, { jobId, format }) => {
    const c = ctxOf(ctx);
    const job = c.batch.job(mine(c, jobId));
    const bytes = await c.batch.report(
      jobId,
      format,
      { id: c.session.userId, name: c.session.displayName },
      join(ctx.core.opts.dataDir, `report-${jobId}-${Date.now()}.xlsx`),
    );
    // Who took the verdicts out of the terminal, and for which batch.
    appendAudit(ctx.core.db, {
      action: 'batch-report',
      actor: c.session.userId,
      itemCode: job.itemCode,
      caseId: jobId,
      purpose: job.reason,
      detail: { format },
    });
    return {
      fileName: `${jobId}.${format}`,
      mime: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: bytes.toString('base64'),
    };
  },
};
