import { submitApplication } from '../application';
import { applicationView, renderApplicationDocument, type ApplicationDocument } from '../application-docs';
import { applicationDeps } from '../choose';
import { documentLedger, storeDocument, storedDocument } from '../print/document-ledger';
import type { OutputHandler, OutputKind } from './types';

const NAMES: Record<ApplicationDocument, string> = { application: '申请表', receipt: '受理回执' };

const docKind = (kind: OutputKind): ApplicationDocument => (kind === 'receipt' ? 'receipt' : 'application');

/**
 * The application (the form as the citizen's signed copy, plus its submissions to the
 * departments) and the 受理回执. Both are rendered from the stored application; the PDF is
 * stored at first print, titled with the case number, so a crash mid-send is reconciled at the
 * spooler like a certificate's.
 */
export const documentOutput: OutputHandler = {
  ledger: documentLedger,
  names: (p) => ({ document: p.kind }),
  copyAction: 'print',
  async stored(ctx, caseId, kind) {
    const doc = storedDocument(ctx.core.db, ctx.d.cipher, caseId, kind);
    return doc ? { kind, title: doc.title, page: doc.page, pdf: () => Promise.resolve(doc.pdf) } : undefined;
  },
  async issue(ctx, live, _item, kind) {
    const { pdf } = await renderApplicationDocument(ctx.d, live.id, docKind(kind));
    const title = `${live.id} ${NAMES[docKind(kind)]}`;
    storeDocument(ctx.core.db, ctx.d.cipher, { caseId: live.id, kind, title, page: 'A4', pdf });
    return documentOutput.stored(ctx, live.id, kind);
  },
  async preview(ctx, live, kind, signature) {
    return (await renderApplicationDocument(ctx.d, live.id, docKind(kind), signature)).pdf;
  },
  submit(ctx, live, item, values) {
    if (!live.form) throw new Error('unreachable: apply checks the form first');
    const stored = submitApplication(applicationDeps(ctx), live, item, live.form, values);
    live.form = {
      ...live.form,
      fields: live.form.fields.map((f) => ({ ...f, value: stored.values[f.key] ?? f.value })),
      submitted: { at: stored.submittedAt, by: stored.submittedBy },
    };
    return applicationView(ctx.d.catalog, stored);
  },
  texts: {
    noDocument: 'This case has no submitted application yet; confirm the form first.',
    noPrinter: 'No printer is available; connect one and print the receipt again.',
  },
};
