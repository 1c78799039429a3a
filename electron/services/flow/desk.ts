import { AppError } from '../../api/errors';
import type { CaseView, PreviewView, VerifyView } from '../../api/types';
import { getDocument, issueCertificate, listInterrupted, markCompleted, markJobAccepted, recordOverride, recordReprint, voidCase, getCase } from '../cases';
import { approveOverride } from './override';
import { generateHallKey, renderCertificate, signCertificate, verifyPayload, type CertificateData, type HallKey, type TrustedHallKey } from '../certificates';
import { getItem } from '../catalog';
import type { PrintingService } from '../wiring/printer';
import { certificateData, photoOf } from './certificate';
import { CaseFlow, type FlowDeps } from './flow';
import type { LiveCase } from './live';
import { restoredLive } from './restore';
import { auditCase } from './audit';

/** What is stored with the serial: enough to print the identical certificate again. */
export interface StoredDocument {
  data: Omit<CertificateData, 'photo'>;
  photo?: string;
  payload: string;
  template: string;
  page: 'A4' | 'CR80';
}

export interface DeskDeps extends FlowDeps {
  hallKey: HallKey;
  trusted: () => TrustedHallKey[];
}

/** The counter's whole flow: the case (flow.ts) plus issuing, printing, reprint, void and verify. */
export class CounterDesk extends CaseFlow {
  /** Previews are signed by a throwaway key no verifier trusts, so a preview is never a certificate. */
  private readonly previewKey = generateHallKey('PREVIEW');

  constructor(private readonly dd: DeskDeps) {
    super(dd);
    this.printing()?.manager.on('job', (e) => {
      const printing = this.printing()!;
      const caseId = printing.jobCase.get(e.id);
      const live = caseId ? this.live.get(caseId) : undefined;
      if (!caseId) return;
      if (live) live.job = { jobId: e.id, printer: e.printer, state: e.status === 'canceled' ? 'cancelled' : e.status, ...(e.error ? { code: e.error.code, params: { printer: e.printer, ...e.error.params } } : {}) };
      if (e.status === 'completed') {
        try {
          if (getCase(this.core.db, this.dd.cipher, caseId).state === 'accepted') markCompleted(this.core.db, caseId);
        } catch (err) {
          this.core.log(`case ${caseId}: could not record completion: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (live) this.core.bus.emit('case.changed', this.view(caseId));
    });
  }

  private printing(): PrintingService | undefined {
    return this.core.services.printing as PrintingService | undefined;
  }

  private ready(live: LiveCase): void {
    if (!live.itemCode || !live.evaluation) throw new AppError('CASE_NO_ITEM', 'Choose the service item first.');
    if (live.evaluation.blocking.length && !live.override) {
      throw new AppError('CASE_BLOCKED', 'A check failed or could not be made, so the certificate cannot be issued; explain the reason to the citizen or ask a supervisor.');
    }
  }

  async preview(caseId: string): Promise<PreviewView> {
    const live = this.need(caseId);
    await live.fetch;
    if (!live.itemCode) throw new AppError('CASE_NO_ITEM', 'Choose the service item first.');
    const rec = this.record(caseId);
    const stored = rec?.serial ? getDocument<StoredDocument>(this.core.db, this.dd.cipher, caseId) : undefined;
    const pdf = stored ? await this.render(stored, false) : await this.renderFresh(live, 'PREVIEW', this.previewKey);
    return { pdfBase64: pdf.toString('base64'), pages: (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length };
  }

  private async renderFresh(live: LiveCase, serial: string, key: HallKey): Promise<Buffer> {
    const item = getItem(this.dd.catalog, live.itemCode!);
    const facts = this.facts(live, item);
    const data = certificateData(this.core, live, item, facts, serial, new Date());
    const photo = item.photo ? photoOf(live, facts, item) : undefined;
    return renderCertificate(item.template, { ...data, ...(photo ? { photo } : {}) }, { hallKey: key });
  }

  private render(doc: StoredDocument, reprint: boolean): Promise<Buffer> {
    const data: CertificateData = { ...doc.data, ...(doc.photo ? { photo: Buffer.from(doc.photo, 'base64') } : {}), ...(reprint ? { reprint: true } : {}) };
    return renderCertificate(doc.template, data, { payload: doc.payload });
  }

  /** F9: the serial and document are recorded durably first, then the job goes to the spooler. */
  async print(caseId: string, printer?: string): Promise<CaseView> {
    const live = this.need(caseId);
    await live.fetch;
    this.ready(live);
    const item = getItem(this.dd.catalog, live.itemCode!);
    const facts = this.facts(live, item);
    const photo = item.photo ? photoOf(live, facts, item) : undefined;
    const page = item.page === 'card' ? 'CR80' : 'A4';
    let doc: StoredDocument | undefined;
    this.core.db.transaction(() => {
      const { serial } = issueCertificate(this.core.db, this.dd.cipher, caseId, {
        document: (serial): StoredDocument => {
          const data = certificateData(this.core, live, item, facts, serial, new Date());
          doc = { data, ...(photo ? { photo: photo.toString('base64') } : {}), payload: signCertificate({ ...data, ...(photo ? { photo } : {}) }, this.dd.hallKey), template: item.template, page };
          return doc;
        },
      });
      auditCase(this.core, this.dd.cipher, live, 'certificate-issue', { purpose: item.names.zh, detail: { serial } });
    })();
    // Issuing again (a double F9) returns the stored serial without building a document: read it back then.
    return this.printStored(caseId, printer, false, doc);
  }

  /** Renders the document and submits it; used by print, retry and reprint alike. */
  private async printStored(caseId: string, printer: string | undefined, reprint: boolean, issued?: StoredDocument): Promise<CaseView> {
    const doc = issued ?? getDocument<StoredDocument>(this.core.db, this.dd.cipher, caseId);
    if (!doc) throw new AppError('CASE_NO_DOCUMENT', 'This case has no issued certificate yet; choose the item and press F9 to issue and print it.');
    const printing = this.printing();
    if (!printing) throw new AppError('PRINTER_UNAVAILABLE', 'No printer is available; the certificate is recorded and can be printed from the interrupted list once a printer is connected.');
    const target = printer ?? this.pickPrinter(printing, doc.page);
    const pdf = await this.render(doc, reprint);
    const handle = await printing.manager.print({ printer: target, title: `${doc.data.serial}${reprint ? ' 补打' : ''}`, pdf, media: doc.page });
    printing.jobCase.set(handle.id, caseId);
    const live = this.live.get(caseId) ?? this.restore(caseId);
    auditCase(this.core, this.dd.cipher, live, reprint ? 'reprint' : 'print', { detail: { serial: doc.data.serial, printer: handle.printer, job: handle.id } });
    live.job = { jobId: handle.id, printer: handle.printer, state: 'queued' };
    // The spooler's own job id survives a restart of this app; the manager's id does not.
    if (!reprint) markJobAccepted(this.core.db, caseId, handle.spoolJobId, handle.printer);
    const view = this.view(caseId);
    this.core.bus.emit('case.changed', view);
    return view;
  }

  private pickPrinter(printing: PrintingService, page: 'A4' | 'CR80'): string {
    const p = printing.printerFor(page);
    if ('error' in p) throw p.error;
    return p.printer;
  }

  /** A supervisor lifts the block of failed or unknown checks, with a reason on record and on the certificate. */
  async override(caseId: string, supervisorId: string, password: string, reason: string): Promise<CaseView> {
    const live = this.need(caseId);
    if (!live.itemCode || !live.evaluation) throw new AppError('CASE_NO_ITEM', 'Choose the service item first.');
    if (!live.evaluation.blocking.length) throw new AppError('CASE_NOT_BLOCKED', 'Every check passed; no override is needed.');
    let sup: { id: string; displayName: string };
    try {
      sup = await approveOverride(this.core, supervisorId, password);
    } catch (err) {
      auditCase(this.core, this.dd.cipher, live, 'override-refused', { detail: { supervisor: supervisorId } });
      throw err;
    }
    this.core.db.transaction(() => {
      recordOverride(this.core.db, caseId, sup.id, reason);
      auditCase(this.core, this.dd.cipher, live, 'override', { purpose: reason, detail: { supervisor: sup.id, blocking: live.evaluation!.blocking.map((c) => c.id) } });
    })();
    live.override = { by: sup.id, byName: sup.displayName, reason };
    const view = this.view(caseId);
    this.core.bus.emit('case.changed', view);
    return view;
  }

  /** Retry after a printer fault, or finish a print interrupted by a crash. */
  async retryPrint(caseId: string, printer?: string): Promise<CaseView> {
    const printing = this.printing();
    const live = this.live.get(caseId) ?? this.restore(caseId);
    if (printing && live.job && printing.manager.get(live.job.jobId)) {
      const handle = printer ? await printing.manager.redirect(live.job.jobId, printer) : await printing.manager.retry(live.job.jobId);
      live.job = { jobId: handle.id, printer: handle.printer, state: 'queued' };
      const view = this.view(caseId);
      this.core.bus.emit('case.changed', view);
      return view;
    }
    return this.printStored(caseId, printer, false);
  }

  async reprint(caseId: string, reason: string): Promise<CaseView> {
    const rec = getCase(this.core.db, this.dd.cipher, caseId);
    if (rec.state !== 'completed') throw new AppError('CASE_NOT_PRINTED', 'Only a printed certificate can be reprinted; use retry for a failed print.');
    const live = this.live.get(caseId) ?? this.restore(caseId);
    this.core.db.transaction(() => {
      recordReprint(this.core.db, caseId, this.core.session?.userId ?? 'unknown', reason);
      auditCase(this.core, this.dd.cipher, live, 'reprint-requested', { purpose: reason, detail: { serial: rec.serial } });
    })();
    return this.printStored(caseId, undefined, true);
  }

  voidCase(caseId: string, reason: string): CaseView {
    const live = this.live.get(caseId) ?? this.restore(caseId);
    this.core.db.transaction(() => {
      voidCase(this.core.db, caseId, this.core.session?.userId ?? 'unknown', reason);
      auditCase(this.core, this.dd.cipher, live, 'void', { purpose: reason });
    })();
    const view = this.view(caseId);
    this.core.bus.emit('case.changed', view);
    return view;
  }

  interrupted(): CaseView[] {
    return listInterrupted(this.core.db, { counterId: this.core.config.counter }).map((i) => {
      if (!this.live.has(i.caseId)) this.restore(i.caseId);
      return this.view(i.caseId);
    });
  }

  /**
   * After a restart: a job the spooler finished while the app was down is recorded as completed,
   * not printed twice; one it still holds (queued, printing, blocked on paper) is tracked again, so
   * it completes by itself and a retry cancels it first. Jobs the spooler dropped, aborted or
   * cannot find stay in the interrupted list for the clerk.
   */
  async reconcile(): Promise<{ completed: number; tracked: number }> {
    const printing = this.printing();
    const out = { completed: 0, tracked: 0 };
    if (!printing) return out;
    for (const i of listInterrupted(this.core.db, { counterId: this.core.config.counter })) {
      if (!i.printJobId || !i.printer) continue;
      try {
        const job = await printing.backend.getJob(i.printer, i.printJobId);
        if (job.state === 'completed') {
          const live = this.live.get(i.caseId) ?? this.restore(i.caseId);
          this.core.db.transaction(() => {
            markCompleted(this.core.db, i.caseId);
            auditCase(this.core, this.dd.cipher, live, 'print-completed-while-offline', { detail: { serial: i.serial, printer: i.printer, spoolJob: i.printJobId } });
          })();
          out.completed += 1;
        } else if (job.state === 'pending' || job.state === 'processing' || job.state === 'held') {
          const doc = getDocument<StoredDocument>(this.core.db, this.dd.cipher, i.caseId);
          if (!doc) continue;
          const handle = await printing.manager.adopt({ printer: i.printer, title: doc.data.serial, pdf: await this.render(doc, false), media: doc.page }, i.printJobId);
          printing.jobCase.set(handle.id, i.caseId);
          const live = this.live.get(i.caseId) ?? this.restore(i.caseId);
          live.job = { jobId: handle.id, printer: handle.printer, state: printing.manager.get(handle.id)?.status === 'processing' ? 'processing' : 'queued' };
          out.tracked += 1;
        }
      } catch (err) {
        this.core.log(`could not check print job ${i.printJobId} on ${i.printer}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return out;
  }

  verify(payload: string): VerifyView {
    const r = verifyPayload(payload, this.dd.trusted());
    const f = r.fields;
    const fields = f ? { serial: f.serial, itemCode: f.itemCode, holderName: f.holderName, holderId: f.holderId, issuedAt: f.issuedAt, training: f.training ? 'yes' : 'no', keyId: f.keyId } : undefined;
    return { status: r.status, ...(fields ? { fields } : {}), ...(r.reason ? { reason: r.reason } : {}) };
  }

  /** A case from the database (after a restart) brought back into memory for printing or voiding. */
  private restore(caseId: string): LiveCase {
    const live = restoredLive(getCase(this.core.db, this.dd.cipher, caseId));
    this.live.set(caseId, live);
    return live;
  }
}
