import { AppError } from '../errors';
import type { CaseView, PreviewView, VerifyView } from '../../api/types';
import {
  findAtSpooler,
  getDocument,
  issueCertificate,
  listInterrupted,
  markCompleted,
  markJobAccepted,
  markSendStarted,
  printState,
  recordOverride,
  recordReprint,
  voidCase,
  getCase,
} from '../cases';
import { approveOverride } from './override';
import { blocked } from './actions';
import {
  generateHallKey,
  renderCertificate,
  signCertificate,
  toTrustedKey,
  verifyPayload,
  type CertificateData,
  type HallKey,
  type TrustedHallKey,
} from '../certificates';
import { getItem, printedOf } from '../catalog';
import type { PrintingService } from '../printing/service';
import { certificateData, photoOf } from './certificate';
import { CaseFlow, type FlowDeps } from './flow';
import type { LiveCase } from './live';
import { restoredLive } from './restore';
import { auditCase } from './audit';
import { mayHandleCases } from '../accounts/roles';
import { getAccount } from '../accounts/store';
import { submitApplication } from './application';
import {
  applicationDocumentData,
  applicationView,
  renderApplicationDocument,
  type ApplicationDocument,
} from './application-docs';
import type { SignatureInput } from '../forms';

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
      if (live)
        live.job = {
          jobId: e.id,
          printer: e.printer,
          state: e.status === 'canceled' ? 'cancelled' : e.status,
          ...(e.error ? { code: e.error.code, params: { printer: e.printer, ...e.error.params } } : {}),
        };
      if (e.status === 'completed') {
        try {
          if (getCase(this.core.db, this.dd.cipher, caseId).state === 'accepted') markCompleted(this.core.db, caseId);
        } catch (err) {
          this.core.log(
            `case ${caseId}: could not record completion: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }
      if (live) this.publish(caseId);
    });
  }

  /**
   * The clerk confirms the application form: the application, one submission per department
   * (outbox) and the pool values commit in one transaction; then the citizen's copy and the
   * receipt can be rendered and printed from what was stored.
   */
  async apply(caseId: string, values: Record<string, string>): Promise<CaseView> {
    const live = this.need(caseId);
    await live.fetch;
    this.ready(live);
    const item = getItem(this.dd.catalog, live.itemCode!);
    if (!live.form) throw new AppError('CASE_NO_APPLICATION', 'This item has no application form.');
    const stored = submitApplication(this.applicationDeps(), live, item, live.form, values);
    live.application = applicationView(this.dd.catalog, stored);
    live.form = {
      ...live.form,
      fields: live.form.fields.map((f) => ({ ...f, value: stored.values[f.key] ?? f.value })),
      submitted: { at: stored.submittedAt, by: stored.submittedBy },
    };
    return this.publish(caseId);
  }

  /** The application (signature drawn into its `signature` box when given) or the receipt, as a PDF. */
  async applicationDocument(
    caseId: string,
    kind: ApplicationDocument,
    signature?: SignatureInput,
  ): Promise<PreviewView> {
    this.need(caseId);
    const { pdf } = await renderApplicationDocument(this.dd, caseId, kind, signature);
    return {
      pdfBase64: pdf.toString('base64'),
      pages: (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length,
    };
  }

  /** The application's data as rendered (and its hash), for the signing service to ask for a signature. */
  applicationForSigning(caseId: string): ReturnType<typeof applicationDocumentData> {
    this.need(caseId);
    return applicationDocumentData(this.dd, caseId, 'application');
  }

  /** Prints the receipt (or the citizen's copy) on the A4 printer; these carry no serial. */
  async printApplicationDocument(caseId: string, kind: ApplicationDocument): Promise<CaseView> {
    const live = this.held(caseId);
    const printing = this.printing();
    if (!printing)
      throw new AppError('PRINTER_UNAVAILABLE', 'No printer is available; connect one and print the receipt again.');
    const { pdf } = await renderApplicationDocument(this.dd, caseId, kind);
    const handle = await printing.manager.print({
      printer: this.pickPrinter(printing, 'A4'),
      title: `${caseId} ${kind === 'receipt' ? '受理回执' : '申请表'}`,
      pdf,
      media: 'A4',
    });
    auditCase(this.core, this.dd.cipher, live, 'print', {
      detail: { document: kind, printer: handle.printer, job: handle.id },
    });
    return this.publish(caseId);
  }

  private printing(): PrintingService | undefined {
    return this.core.services.printing;
  }

  private ready(live: LiveCase): void {
    if (!live.itemCode || !live.evaluation) throw new AppError('CASE_NO_ITEM', 'Choose the service item first.');
    if (blocked(live)) {
      throw new AppError(
        'CASE_BLOCKED',
        'A check failed or could not be made, so the certificate cannot be issued; explain the reason to the citizen or ask a supervisor.',
      );
    }
  }

  async preview(caseId: string): Promise<PreviewView> {
    const live = this.need(caseId);
    await live.fetch;
    if (!live.itemCode) throw new AppError('CASE_NO_ITEM', 'Choose the service item first.');
    const rec = this.record(caseId);
    const stored = rec?.serial ? getDocument<StoredDocument>(this.core.db, this.dd.cipher, caseId) : undefined;
    const pdf = stored ? await this.render(stored, false) : await this.renderFresh(live, 'PREVIEW', this.previewKey);
    return {
      pdfBase64: pdf.toString('base64'),
      pages: (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length,
    };
  }

  private async renderFresh(live: LiveCase, serial: string, key: HallKey): Promise<Buffer> {
    const item = getItem(this.dd.catalog, live.itemCode!);
    const facts = this.facts(live, item);
    const data = certificateData(this.core, live, item, facts, serial, new Date());
    const photo = item.photo ? photoOf(live, facts, item) : undefined;
    return renderCertificate(printedOf(item).template, { ...data, ...(photo ? { photo } : {}) }, { hallKey: key });
  }

  private render(doc: StoredDocument, reprint: boolean): Promise<Buffer> {
    const data: CertificateData = {
      ...doc.data,
      ...(doc.photo ? { photo: Buffer.from(doc.photo, 'base64') } : {}),
      ...(reprint ? { reprint: true } : {}),
    };
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
    const page = printedOf(item).page === 'card' ? 'CR80' : 'A4';
    let doc: StoredDocument | undefined;
    this.core.db.transaction(() => {
      const { serial } = issueCertificate(this.core.db, this.dd.cipher, caseId, {
        document: (serial): StoredDocument => {
          const data = certificateData(this.core, live, item, facts, serial, new Date());
          doc = {
            data,
            ...(photo ? { photo: photo.toString('base64') } : {}),
            payload: signCertificate({ ...data, ...(photo ? { photo } : {}) }, this.dd.hallKey),
            template: printedOf(item).template,
            page,
          };
          return doc;
        },
      });
      auditCase(this.core, this.dd.cipher, live, 'certificate-issue', { purpose: item.names.zh, detail: { serial } });
    })();
    // Issuing again (a double F9) returns the stored serial without building a document: read it back then.
    return this.printStored(caseId, printer, false, doc);
  }

  /** Renders the document and submits it; used by print, retry and reprint alike. */
  private async printStored(
    caseId: string,
    printer: string | undefined,
    reprint: boolean,
    issued?: StoredDocument,
  ): Promise<CaseView> {
    const doc = issued ?? getDocument<StoredDocument>(this.core.db, this.dd.cipher, caseId);
    if (!doc)
      throw new AppError(
        'CASE_NO_DOCUMENT',
        'This case has no issued certificate yet; choose the item and press F9 to issue and print it.',
      );
    const printing = this.printing();
    if (!printing)
      throw new AppError(
        'PRINTER_UNAVAILABLE',
        'No printer is available; the certificate is recorded and can be printed from the interrupted list once a printer is connected.',
      );
    if (!reprint) {
      const found = await this.settleMaybeSent(caseId);
      if (found) return found;
    }
    const target = printer ?? this.pickPrinter(printing, doc.page);
    const pdf = await this.render(doc, reprint);
    if (!reprint) markSendStarted(this.core.db, caseId, target);
    const handle = await printing.manager.print({
      printer: target,
      title: `${doc.data.serial}${reprint ? ' 补打' : ''}`,
      pdf,
      media: doc.page,
    });
    printing.jobCase.set(handle.id, caseId);
    const live = this.held(caseId);
    auditCase(this.core, this.dd.cipher, live, reprint ? 'reprint' : 'print', {
      detail: { serial: doc.data.serial, printer: handle.printer, job: handle.id },
    });
    live.job = { jobId: handle.id, printer: handle.printer, state: 'queued' };
    // The spooler's own job id survives a restart of this app; the manager's id does not.
    if (!reprint) markJobAccepted(this.core.db, caseId, handle.spoolJobId, handle.printer);
    return this.publish(caseId);
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
    if (!live.evaluation.blocking.length)
      throw new AppError('CASE_NOT_BLOCKED', 'Every check passed; no override is needed.');
    let sup: { id: string; displayName: string };
    try {
      sup = await approveOverride(this.core, supervisorId, password);
    } catch (err) {
      auditCase(this.core, this.dd.cipher, live, 'override-refused', { detail: { supervisor: supervisorId } });
      throw err;
    }
    this.core.db.transaction(() => {
      recordOverride(this.core.db, caseId, sup.id, reason);
      auditCase(this.core, this.dd.cipher, live, 'override', {
        purpose: reason,
        detail: { supervisor: sup.id, blocking: live.evaluation!.blocking.map((c) => c.id) },
      });
    })();
    live.override = { by: sup.id, byName: sup.displayName, reason };
    return this.publish(caseId);
  }

  /** Retry after a printer fault, or finish a print interrupted by a crash. */
  async retryPrint(caseId: string, printer?: string): Promise<CaseView> {
    const printing = this.printing();
    const live = this.held(caseId);
    if (printing && live.job && printing.manager.get(live.job.jobId)) {
      const issued = printState(this.core.db, caseId).state === 'accepted';
      if (issued) {
        const found = await this.settleMaybeSent(caseId);
        if (found) return found;
        markSendStarted(this.core.db, caseId, printer ?? printing.manager.get(live.job.jobId)!.printer);
      }
      const handle = printer
        ? await printing.manager.redirect(live.job.jobId, printer)
        : await printing.manager.retry(live.job.jobId);
      // Without this a restart would follow the cancelled first attempt and miss the one now queued.
      if (issued) markJobAccepted(this.core.db, caseId, handle.spoolJobId, handle.printer);
      live.job = { jobId: handle.id, printer: handle.printer, state: 'queued' };
      return this.publish(caseId);
    }
    return this.printStored(caseId, printer, false);
  }

  async reprint(caseId: string, reason: string): Promise<CaseView> {
    const rec = getCase(this.core.db, this.dd.cipher, caseId);
    if (rec.state !== 'completed')
      throw new AppError(
        'CASE_NOT_PRINTED',
        'Only a printed certificate can be reprinted; use retry for a failed print.',
      );
    const live = this.held(caseId);
    this.core.db.transaction(() => {
      recordReprint(this.core.db, caseId, this.core.session?.userId ?? 'unknown', reason);
      auditCase(this.core, this.dd.cipher, live, 'reprint-requested', {
        purpose: reason,
        detail: { serial: rec.serial },
      });
    })();
    return this.printStored(caseId, undefined, true);
  }

  voidCase(caseId: string, reason: string): CaseView {
    const live = this.held(caseId);
    this.core.db.transaction(() => {
      voidCase(this.core.db, caseId, this.core.session?.userId ?? 'unknown', reason);
      auditCase(this.core, this.dd.cipher, live, 'void', { purpose: reason });
    })();
    return this.publish(caseId);
  }

  interrupted(): CaseView[] {
    // Names of citizens: only for the roles that finish or void these prints.
    if (!mayHandleCases(this.core.session)) return [];
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
      if (i.sendStartedAt) {
        // A send was under way when the app died: only the spooler knows whether it took the job.
        const found = await this.settleMaybeSent(i.caseId).catch((err: unknown) => {
          this.core.log(
            `could not ask the spooler about ${i.serial}: ${err instanceof Error ? err.message : String(err)}; it is asked again before any retry`,
          );
          return undefined;
        });
        if (found?.job?.state === 'completed') out.completed += 1;
        else if (found) out.tracked += 1;
        continue;
      }
      if (!i.printJobId || !i.printer) continue;
      try {
        const job = await printing.backend.getJob(i.printer, i.printJobId);
        if (job.state === 'completed') {
          const live = this.live.get(i.caseId) ?? this.restore(i.caseId);
          this.core.db.transaction(() => {
            markCompleted(this.core.db, i.caseId);
            auditCase(this.core, this.dd.cipher, live, 'print-completed-while-offline', {
              detail: { serial: i.serial, printer: i.printer, spoolJob: i.printJobId },
            });
          })();
          out.completed += 1;
        } else if (job.state === 'pending' || job.state === 'processing' || job.state === 'held') {
          if (await this.track(i.caseId, i.printer, i.printJobId)) out.tracked += 1;
        }
      } catch (err) {
        this.core.log(
          `could not check print job ${i.printJobId} on ${i.printer}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    return out;
  }

  /** Follows a job the spooler holds for the case (after a restart or a lost answer), so it completes by itself and a retry cancels it first. */
  private async track(caseId: string, printer: string, spoolJobId: string): Promise<boolean> {
    const printing = this.printing()!;
    const doc = getDocument<StoredDocument>(this.core.db, this.dd.cipher, caseId);
    if (!doc) return false;
    const handle = await printing.manager.adopt(
      { printer, title: doc.data.serial, pdf: await this.render(doc, false), media: doc.page },
      spoolJobId,
    );
    printing.jobCase.set(handle.id, caseId);
    const live = this.live.get(caseId) ?? this.restore(caseId);
    live.job = {
      jobId: handle.id,
      printer: handle.printer,
      state: printing.manager.get(handle.id)?.status === 'processing' ? 'processing' : 'queued',
    };
    return true;
  }

  /**
   * A case whose last send may have reached the spooler (send recorded, answer not) is looked up
   * there by serial before anything is sent: a job that printed completes the case, one still
   * held is followed; either way the view is returned and nothing is sent. Extra held copies
   * (from a double send) are cancelled. Undefined means the spooler has no live job for the
   * serial and the caller may send. A spooler that cannot be asked throws: nothing may be sent.
   */
  private async settleMaybeSent(caseId: string): Promise<CaseView | undefined> {
    const printing = this.printing();
    const st = printState(this.core.db, caseId);
    if (!printing || st.state !== 'accepted' || !st.sendStartedAt || !st.serial) return undefined;
    const found = await findAtSpooler(printing.backend, st.serial);
    for (const d of found.duplicates)
      await printing.backend
        .cancel(d.printer, d.jobId)
        .catch((e: unknown) =>
          this.core.log(`could not cancel duplicate job ${d.jobId} of ${st.serial}: ${String(e)}`),
        );
    const job = found.printed ?? found.waiting;
    if (!job) return undefined;
    const live = this.live.get(caseId) ?? this.restore(caseId);
    this.core.db.transaction(() => {
      markJobAccepted(this.core.db, caseId, job.jobId, job.printer);
      if (found.printed) markCompleted(this.core.db, caseId);
      auditCase(this.core, this.dd.cipher, live, 'print-found-at-spooler', {
        detail: { serial: st.serial, printer: job.printer, spoolJob: job.jobId, state: job.state },
      });
    })();
    if (found.waiting) await this.track(caseId, job.printer, job.jobId);
    else live.job = { jobId: `spool:${job.jobId}`, printer: job.printer, state: 'completed' };
    const view = this.view(caseId);
    this.core.bus.emit('case.changed', view);
    return view;
  }

  verify(payload: string): VerifyView {
    const r = verifyPayload(payload, this.dd.trusted());
    const f = r.fields;
    const fields = f
      ? {
          serial: f.serial,
          itemCode: f.itemCode,
          holderName: f.holderName,
          holderId: f.holderId,
          issuedAt: f.issuedAt,
          training: f.training ? 'yes' : 'no',
          keyId: f.keyId,
        }
      : undefined;
    return { status: r.status, ...(fields ? { fields } : {}), ...(r.reason ? { reason: r.reason } : {}) };
  }

  /** The public half of the key this terminal signs with, named for its hall: what verifiers must trust. */
  publicHallKey(): TrustedHallKey {
    return toTrustedKey(this.dd.hallKey, this.core.config.hall.name);
  }

  /** A case from the database (after a restart) brought back into memory for printing or voiding. */
  private restore(caseId: string): LiveCase {
    const live = restoredLive(
      getCase(this.core.db, this.dd.cipher, caseId),
      (id) => getAccount(this.core.db, id)?.displayName ?? id,
    );
    this.live.set(caseId, live);
    return live;
  }

  /** Retry, reprint and void: whoever acts (a supervisor, after a restart) now holds the case and sees its progress. */
  private held(caseId: string): LiveCase {
    const live = this.live.get(caseId) ?? this.restore(caseId);
    const by = this.core.session?.userId;
    if (by) live.holder = by;
    return live;
  }
}
