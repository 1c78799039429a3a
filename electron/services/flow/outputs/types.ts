import type { ApplicationView } from '../../../api/types';
import type { CatalogItem, Output } from '../../catalog';
import type { Db } from '../../db/open';
import type { SignatureInput } from '../../forms';
import type { FlowContext } from '../context';
import type { LiveCase } from '../live';

export type OutputKind = Output['kind'];

/** A stored document ready for the spooler, titled so a lost send can be found there again. */
export interface Printable {
  kind: OutputKind;
  /** The job title and the spooler lookup key: the certificate serial, or the case number and the document's name. */
  title: string;
  page: 'A4' | 'CR80';
  /** The PDF; `copy` marks a certificate reprint as such. */
  pdf(copy: boolean): Promise<Buffer>;
}

/** Where an output's print stands: nothing issued, issued but not confirmed printed, printed, or its case voided. */
export interface PrintState {
  state: 'none' | 'issued' | 'printed' | 'voided';
  title?: string;
  /** A send was recorded as under way and its answer never: the spooler may hold the job. */
  sendStartedAt?: string;
}

/** An issued document whose print was never confirmed: followed at start-up, or printed or voided by the clerk. */
export interface InterruptedPrint {
  caseId: string;
  kind: OutputKind;
  title: string;
  sendStartedAt?: string;
  printJobId?: string;
  printer?: string;
}

/**
 * The durable record of an output's print. Every send is recorded as started before the job
 * leaves and as accepted (with the spooler's job id) after; the document itself was stored when
 * it was issued. The certificate's lives on the case row (services/cases), the application's and
 * the receipt's in case_documents (print/document-ledger.ts).
 */
export interface PrintLedger {
  state(db: Db, caseId: string, kind: OutputKind): PrintState;
  markSendStarted(db: Db, caseId: string, kind: OutputKind, printer: string): void;
  markJobAccepted(db: Db, caseId: string, kind: OutputKind, jobId: string, printer: string): void;
  markCompleted(db: Db, caseId: string, kind: OutputKind): void;
  interrupted(db: Db, counterId: string): InterruptedPrint[];
}

/** What one kind of output needs from the flow. The table of them is outputs/index.ts. */
export interface OutputHandler {
  ledger: PrintLedger;
  /** Audit detail naming the document: the certificate's serial, or which document of the case. */
  names(p: Pick<Printable, 'kind' | 'title'>): Record<string, unknown>;
  /** How printing a further copy of a printed document is audited (the certificate's needs a reason first). */
  copyAction: 'reprint' | 'print';
  /** The document stored when it was issued, or undefined before that. */
  stored(ctx: FlowContext, caseId: string, kind: OutputKind): Promise<Printable | undefined>;
  /**
   * Issues it: the serial (or title) and the document are stored in one transaction, before
   * anything goes to the spooler. Issuing again returns undefined; `stored` reads it back then.
   */
  issue(ctx: FlowContext, live: LiveCase, item: CatalogItem, kind: OutputKind): Promise<Printable | undefined>;
  /** The document as it prints (a preview is never a valid certificate). */
  preview(ctx: FlowContext, live: LiveCase, kind: OutputKind, signature?: SignatureInput): Promise<Buffer>;
  /** Sends the confirmed form to the item's departments (applications). */
  submit?(ctx: FlowContext, live: LiveCase, item: CatalogItem, values: Record<string, string>): ApplicationView;
  /** What the clerk is told when there is nothing issued to print yet, or no printer. */
  texts: { noDocument: string; noPrinter: string };
}
