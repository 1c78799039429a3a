import { AppError } from '../errors';
import type { CaseView, PreviewView } from '../../api/types';
import { getItem, printedOf } from '../catalog';
import type { SignatureInput } from '../forms';
import { ready } from './choose';
import type { FlowContext } from './context';
import { OUTPUTS, printedKind, submitterOf, type OutputKind } from './outputs';
import { sendStored } from './print/send';

const asPreview = (pdf: Buffer): PreviewView => ({
  pdfBase64: pdf.toString('base64'),
  pages: (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length,
});

/** F9: the item's certificate or card is issued (serial and document recorded durably), then spooled. */
export async function printCertificate(ctx: FlowContext, caseId: string, printer?: string): Promise<CaseView> {
  const live = ctx.book.need(caseId);
  await live.fetch;
  ready(live);
  const item = getItem(ctx.d.catalog, live.itemCode!);
  // An item without a certificate or card says so (CATALOG_NO_CERTIFICATE); its receipt prints on its own button.
  const kind = printedKind(item) ?? printedOf(item).kind;
  // Issuing again (a double F9) returns the stored serial without building a document: read back then.
  const issued = await OUTPUTS[kind].issue(ctx, live, item, kind);
  return sendStored(ctx, caseId, kind, { printer, issued });
}

/** F4, or the document dialog: the output as it prints (a certificate preview carries no valid QR code). */
export async function previewOf(
  ctx: FlowContext,
  caseId: string,
  kind: OutputKind | 'printed',
  signature?: SignatureInput,
): Promise<PreviewView> {
  const live = ctx.book.need(caseId);
  await live.fetch;
  const item = ctx.item(live);
  if (!item) throw new AppError('CASE_NO_ITEM', 'Choose the service item first.');
  const k = kind === 'printed' ? (printedKind(item) ?? printedOf(item).kind) : kind;
  return asPreview(await OUTPUTS[k].preview(ctx, live, k, signature));
}

/**
 * The clerk confirms the application form: the application, one submission per department
 * (outbox) and the pool values commit in one transaction; then the citizen's copy and the
 * receipt can be rendered and printed from what was stored.
 */
export async function apply(ctx: FlowContext, caseId: string, values: Record<string, string>): Promise<CaseView> {
  const live = ctx.book.need(caseId);
  await live.fetch;
  ready(live);
  const item = getItem(ctx.d.catalog, live.itemCode!);
  const submitter = submitterOf(item);
  if (!live.form || !submitter?.submit) throw new AppError('CASE_NO_APPLICATION', 'This item has no application form.');
  live.application = submitter.submit(ctx, live, item, values);
  return ctx.publish(caseId);
}
