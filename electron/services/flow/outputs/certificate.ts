import { getDocument, issueCertificate } from '../../cases';
import { getItem, printedOf, type CatalogItem } from '../../catalog';
import { renderCertificate, signCertificate, type CertificateData, type HallKey } from '../../certificates';
import { auditCase } from '../audit';
import { certificateData, photoOf } from '../certificate';
import type { FlowContext } from '../context';
import type { LiveCase } from '../live';
import { certificateLedger } from '../print/certificate-ledger';
import type { OutputHandler, Printable } from './types';

/** What is stored with the serial: enough to print the identical certificate again. */
export interface StoredDocument {
  data: Omit<CertificateData, 'photo'>;
  photo?: string;
  payload: string;
  template: string;
  page: 'A4' | 'CR80';
}

function printable(doc: StoredDocument): Printable {
  return {
    kind: doc.page === 'CR80' ? 'card' : 'certificate',
    title: doc.data.serial,
    page: doc.page,
    pdf: (copy) =>
      renderCertificate(
        doc.template,
        {
          ...doc.data,
          ...(doc.photo ? { photo: Buffer.from(doc.photo, 'base64') } : {}),
          ...(copy ? { reprint: true } : {}),
        },
        { payload: doc.payload },
      ),
  };
}

function renderFresh(ctx: FlowContext, live: LiveCase, item: CatalogItem, key: HallKey): Promise<Buffer> {
  const facts = ctx.facts(live, item);
  const data = certificateData(ctx.core, live, item, facts, 'PREVIEW', new Date());
  const photo = item.photo ? photoOf(live, facts, item) : undefined;
  return renderCertificate(printedOf(item).template, { ...data, ...(photo ? { photo } : {}) }, { hallKey: key });
}

/** The certificate (A4) and the card (CR80): a serial, a signed QR payload, and the document kept for reprints. */
export const certificateOutput: OutputHandler = {
  ledger: certificateLedger,
  names: (p) => ({ serial: p.title }),
  copyAction: 'reprint',
  async stored(ctx, caseId) {
    const doc = getDocument<StoredDocument>(ctx.core.db, ctx.d.cipher, caseId);
    return doc ? printable(doc) : undefined;
  },
  async issue(ctx, live, item) {
    const { core, d } = ctx;
    const facts = ctx.facts(live, item);
    const photo = item.photo ? photoOf(live, facts, item) : undefined;
    const printed = printedOf(item);
    let doc: StoredDocument | undefined;
    core.db.transaction(() => {
      const { serial } = issueCertificate(core.db, d.cipher, live.id, {
        document: (serial): StoredDocument => {
          const data = certificateData(core, live, item, facts, serial, new Date());
          doc = {
            data,
            ...(photo ? { photo: photo.toString('base64') } : {}),
            payload: signCertificate({ ...data, ...(photo ? { photo } : {}) }, d.hallKey),
            template: printed.template,
            page: printed.page === 'card' ? 'CR80' : 'A4',
          };
          return doc;
        },
      });
      auditCase(core, d.cipher, live, 'certificate-issue', { purpose: item.names.zh, detail: { serial } });
    })();
    return doc ? printable(doc) : undefined;
  },
  async preview(ctx, live) {
    const stored = ctx.book.record(live.id)?.serial
      ? await certificateOutput.stored(ctx, live.id, 'certificate')
      : undefined;
    return stored ? stored.pdf(false) : renderFresh(ctx, live, getItem(ctx.d.catalog, live.itemCode!), ctx.previewKey);
  },
  texts: {
    noDocument: 'This case has no issued certificate yet; choose the item and press F9 to issue and print it.',
    noPrinter:
      'No printer is available; the certificate is recorded and can be printed from the interrupted list once a printer is connected.',
  },
};
