import { AppError } from '../errors';
import type { CaseView, ItemView, PreviewView, SessionInfo, VerifyView } from '../../api/types';
import { mayHandleCases } from '../accounts/roles';
import { toTrustedKey, type TrustedHallKey } from '../certificates';
import type { SignatureInput } from '../forms';
import type { CurrentCard } from '../reader/service';
import { applicationDocumentData, type ApplicationDocument } from './application-docs';
import { choose, searchFor } from './choose';
import { FlowContext } from './context';
import type { FlowDeps } from './deps';
import { cardFromRegistry, manualCard, openFor } from './intake';
import { apply, previewOf, printCertificate } from './issue';
import { followJobs } from './print/events';
import { interrupted, reconcile } from './print/reconcile';
import { printDocument, reprint, retryPrint } from './print/retry';
import { CounterSession } from './session';
import { override, voidFor } from './supervise';
import { verifyQr } from './verify';

/**
 * The case at the counter, one object whatever an item outputs: opened by a card read (or a
 * typed number with a reason), licenses fetched at once, item chosen, checks run, then the
 * item's outputs (outputs/: certificate, card, application with its submissions, receipt)
 * issued and printed through one path (print/). The `case.*` operations call these methods.
 */
export class CaseFlow {
  private readonly ctx: FlowContext;
  private readonly counter: CounterSession;

  constructor(d: FlowDeps) {
    this.ctx = new FlowContext(d);
    this.counter = new CounterSession(this.ctx);
    followJobs(this.ctx);
  }

  /** Every license type any item needs: what a card read fetches. */
  get wanted(): readonly string[] {
    return this.ctx.wanted;
  }

  onCard(c: CurrentCard): void {
    this.counter.onCard(c);
  }

  onSession(session: SessionInfo | null, serial: number | null): void {
    this.counter.onSession(session, serial);
  }

  onCardRemoved(): void {
    this.counter.onCardRemoved();
  }

  openManual(idNumber: string, name: string, validTo: string, reason: string): CaseView {
    return openFor(this.ctx, manualCard(idNumber, name, validTo), 'manual', reason);
  }

  /** A worklist task's case: the card's validity from the registry's resident-ID license. */
  cardFromRegistry(caseId: string): Promise<void> {
    return cardFromRegistry(this.ctx, caseId);
  }

  /** The application's data as rendered (and its hash), for the signing service to ask for a signature. */
  applicationForSigning(caseId: string): ReturnType<typeof applicationDocumentData> {
    this.ctx.book.need(caseId);
    return applicationDocumentData(this.ctx.d, caseId, 'application');
  }

  view(caseId: string): CaseView {
    return this.ctx.view(caseId);
  }

  /** case.get: the holder, the clerk who opened it, or a supervisor; no one else sees a case by its id. */
  viewFor(caseId: string): CaseView {
    const live = this.ctx.book.need(caseId);
    const s = this.ctx.core.session;
    const mine = !!s && (live.holder === s.userId || live.clerkId === s.userId || s.roles.includes('supervisor'));
    if (!mayHandleCases(s) || !mine)
      throw new AppError(
        'CASE_NOT_YOURS',
        'This case was opened by another clerk; open your own case for this citizen, or ask a supervisor.',
      );
    return this.ctx.view(caseId);
  }

  isCurrent(caseId: string): boolean {
    return this.ctx.book.currentId === caseId;
  }

  current(): CaseView | null {
    const live = this.ctx.book.peek(this.ctx.book.currentId);
    return live && this.ctx.shownTo(live) ? this.ctx.view(live.id) : null;
  }

  close(caseId: string): void {
    this.counter.close(caseId);
  }

  search(query: string, caseId?: string): ItemView[] {
    return searchFor(this.ctx, query, caseId);
  }

  chooseItem(caseId: string, itemCode: string): Promise<CaseView> {
    return choose(this.ctx, caseId, itemCode);
  }

  apply(caseId: string, values: Record<string, string>): Promise<CaseView> {
    return apply(this.ctx, caseId, values);
  }

  /** The application (signature drawn into its `signature` box when given) or the receipt, as a PDF. */
  applicationDocument(caseId: string, kind: ApplicationDocument, signature?: SignatureInput): Promise<PreviewView> {
    return previewOf(this.ctx, caseId, kind, signature);
  }

  /** Prints the receipt (or the citizen's copy) through the same recorded, reconciled path as a certificate. */
  printApplicationDocument(caseId: string, kind: ApplicationDocument): Promise<CaseView> {
    return printDocument(this.ctx, caseId, kind);
  }

  preview(caseId: string): Promise<PreviewView> {
    return previewOf(this.ctx, caseId, 'printed');
  }

  /** F9: the serial and document are recorded durably first, then the job goes to the spooler. */
  print(caseId: string, printer?: string): Promise<CaseView> {
    return printCertificate(this.ctx, caseId, printer);
  }

  override(caseId: string, supervisorId: string, password: string, reason: string): Promise<CaseView> {
    return override(this.ctx, caseId, supervisorId, password, reason);
  }

  retryPrint(caseId: string, printer?: string): Promise<CaseView> {
    return retryPrint(this.ctx, caseId, printer);
  }

  reprint(caseId: string, reason: string): Promise<CaseView> {
    return reprint(this.ctx, caseId, reason);
  }

  voidCase(caseId: string, reason: string): CaseView {
    return voidFor(this.ctx, caseId, reason);
  }

  interrupted(): CaseView[] {
    return interrupted(this.ctx);
  }

  reconcile(): Promise<{ completed: number; tracked: number }> {
    return reconcile(this.ctx);
  }

  verify(payload: string): VerifyView {
    return verifyQr(payload, this.ctx.d.trusted());
  }

  /** The public half of the key this terminal signs with, named for its hall: what verifiers must trust. */
  publicHallKey(): TrustedHallKey {
    return toTrustedKey(this.ctx.d.hallKey, this.ctx.core.config.hall.name);
  }
}
