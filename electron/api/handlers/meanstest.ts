import { sm3Hex } from '../../../protocol/sm3';
import { appendAudit } from '../../services/audit';
import { need } from '../../services/wiring/services';
import { AppError } from '../errors';
import { econSources, type SourceKey } from '../../services/meanstest';
import type { PreviewView } from '../types';
import type { HandlerContext, HandlerSlice } from './types';

const means = (ctx: HandlerContext) => need(ctx.core.services.meanstest, 'The household economic check');

type MeansOps =
  | 'means.view'
  | 'means.requestSignature'
  | 'means.recordPaper'
  | 'means.refuse'
  | 'means.run'
  | 'means.authorisation'
  | 'means.report'
  | 'means.submit'
  | 'means.trainingSources'
  | 'means.trainingSourceDown';

/** Training only: the sandbox this terminal started (its admin secret) and the sources' names. */
function trainingSources(ctx: HandlerContext, set?: { source: SourceKey; down: boolean }) {
  if (!ctx.core.training) throw new AppError('APP_TRAINING_ONLY', 'The training panel exists only in training mode.');
  return econSources(ctx.core.services.sandbox, means(ctx).cfg, set);
}

/** A document to show, and when asked, to print on the A4 printer (recorded with its hash). */
async function document(
  ctx: HandlerContext,
  caseId: string,
  kind: string,
  pdf: Buffer,
  print?: boolean,
): Promise<PreviewView> {
  if (print) {
    const printing = need(ctx.core.services.printing, 'The printer');
    const p = printing.printerFor('A4');
    if ('error' in p) throw p.error;
    const handle = await printing.manager.print({ printer: p.printer, title: `${caseId} ${kind}`, pdf, media: 'A4' });
    appendAudit(ctx.core.db, {
      action: 'meanstest-print',
      actor: ctx.core.session?.userId ?? null,
      caseId,
      purpose: 'household economic check',
      detail: { document: kind, sm3: sm3Hex(pdf), printer: handle.printer, job: handle.id },
    });
  }
  return { pdfBase64: pdf.toString('base64'), pages: (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length };
}

export const meanstestHandlers: HandlerSlice<MeansOps> = {
  'means.view': (ctx, { caseId }) => means(ctx).view(caseId),
  'means.requestSignature': (ctx, { caseId, member, guardian }) =>
    means(ctx).requestSignature(caseId, member, guardian),
  'means.recordPaper': (ctx, { caseId, member, guardian, reason, scanHash }) =>
    means(ctx).recordPaper(caseId, member, reason, guardian, scanHash),
  'means.refuse': (ctx, { caseId, member }) => means(ctx).refuse(caseId, member),
  'means.run': (ctx, { caseId }) => means(ctx).run(caseId),
  'means.authorisation': async (ctx, { caseId, print }) =>
    document(ctx, caseId, 'authorisation', await means(ctx).authorisationPdf(caseId), print),
  'means.report': async (ctx, { caseId, print }) =>
    document(ctx, caseId, 'report', await means(ctx).reportPdf(caseId), print),
  'means.submit': (ctx, { caseId }) => means(ctx).submit(caseId),
  'means.trainingSources': (ctx) => trainingSources(ctx),
  'means.trainingSourceDown': (ctx, set) => trainingSources(ctx, set),
};
