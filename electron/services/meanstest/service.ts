import { appendAudit, auditSubject } from '../audit';
import { hallDay } from '../core/calendar';
import { certificateFont, maskName, renderCertificate, signCertificate } from '../certificates';
import type { UsageContext } from '../registry/types';
import type { BoundSignature } from '../signature/bind';
import type { SigningService } from '../signature/service';
import type { SignRequestView } from '../signature/types';
import type { Signature } from '../../../native/signature-pad/types';
import { authorisationData, authorisationHash, renderAuthorisation } from './authorisation';
import { billRule } from './bill-rule';
import { areaRules, type MeansConfig, type SourceKey } from './config';
import { ConsentStore } from './consent';
import {
  memberRequests,
  mergedConsents,
  requireConsents,
  signRequestOf,
  signRowsOf,
  type MemberRequest,
} from './consents-merged';
import type { MeansCaseSeam, MeansDeps } from './deps';
import { MeansError } from './errors';
import { householdFrom, type Household } from './household';
import { guardianFor, memberAt, type Prepared } from './prepared';
import { querySource, queryHousehold } from './query';
import { REPORT_TEMPLATE, reportData } from './report';
import { reportSubmission } from './report-submission';
import { evaluateHousehold } from './rules';
import { insertRun, latestRun, nextRunNo, runRecord, stripSignature, type StoredRun } from './runs';
import { AUTH_TITLE, requestFor, requestKey } from './signers';
import { summarise } from './summary';
import type { MeansSignRequest, MeansView } from './api-types';
import type { ConsentState, Finding, RuleOutcome } from './types';
import { meansView } from './view';

export type { MeansCaseSeam, MeansDeps } from './deps';

/**
 * The household economic check (居民家庭经济状况核对) of a means-tested case: consent first, then
 * every member × every source in parallel under the case's usage elements, the rules of the
 * household's area, a signed report, and the report with the application to civil affairs.
 */
export class MeansTestService {
  readonly consents: ConsentStore;
  private readonly prepared = new Map<string, Prepared>();
  /** The latest run's report per case, rendered as soon as the run is saved (the clerk looks at it next). */
  private readonly reports = new Map<string, { runNo: number; pdf: Promise<Buffer> }>();
  private readonly now: () => Date;
  private readonly day: (d: Date) => string;

  constructor(private readonly d: MeansDeps) {
    this.consents = new ConsentStore(d.db, d.cipher);
    this.now = d.now ?? (() => new Date());
    this.day = d.day ?? hallDay;
  }

  /** The sources, areas and items this check reads (resources/meanstest). */
  get cfg(): MeansConfig {
    return this.d.cfg;
  }

  isMeansItem(itemCode: string | undefined): boolean {
    return !!itemCode && !!this.d.cfg.items[itemCode];
  }

  private item(caseId: string) {
    const c = this.d.seam.caseOf(caseId);
    const item = c.itemCode ? this.d.cfg.items[c.itemCode] : undefined;
    if (!item || !c.itemCode)
      throw new MeansError('MEANS_NOT_MEANS_ITEM', `Item ${c.itemCode ?? '(none)'} has no household economic check.`, {
        item: c.itemCode ?? '—',
      });
    return { c, item, code: c.itemCode };
  }

  usage(caseId: string): UsageContext {
    const { c, item, code } = this.item(caseId);
    return {
      organisation: this.d.organisation,
      clerk: this.d.clerk()?.id ?? c.clerkId,
      itemName: c.itemName ?? code,
      itemCode: code,
      caseNumber: caseId,
      reason: item.reason.zh,
    };
  }

  /** The household and the authorisation document of a case (the register is fetched once). */
  async prepare(caseId: string): Promise<Prepared> {
    const hit = this.prepared.get(caseId);
    if (hit) return hit;
    const { c, code } = this.item(caseId);
    if (c.live === false) return this.fromStored(caseId, c);
    const register = await this.d.seam.householdRegister(caseId, c.applicant.idNumber, this.usage(caseId));
    const day = c.openedAt.slice(0, 10);
    // The register read for the check is a use of the applicant's data of its own: on record before anything else.
    this.audit(c, 'meanstest-household', c.applicant.idNumber, {
      register: register ? register.verification.state : 'missing',
      source: register?.source ?? null,
      members: Array.isArray(register?.license.surface.members) ? register.license.surface.members.length : 0,
    });
    const hh = householdFrom(register, c.applicant.idNumber, this.day(new Date(c.openedAt)));
    const area = areaRules(this.d.cfg, hh.areaCode);
    const auth = this.authorisation(caseId, code, c.itemName, hh, area, day);
    const p = this.keep(caseId, { hh, auth, hash: authorisationHash(auth), area });
    // The CJK font and its glyphs are parsed lazily, once per process (seconds cold on a busy PC):
    // drawing the authorisation once while the members sign warms them for the report.
    setImmediate(() => {
      try {
        certificateFont();
        void renderAuthorisation(p.auth, new Map(), [], this.d.training).catch(() => undefined);
      } catch {
        // A missing font is reported by the render itself.
      }
    });
    return p;
  }

  /** What the household's adults authorise for this case (the same document at first run and after a restart). */
  private authorisation(
    caseId: string,
    code: string,
    itemName: string | undefined,
    hh: Household,
    area: ReturnType<typeof areaRules>,
    day: string,
  ) {
    return authorisationData(
      this.d.cfg,
      caseId,
      { code, zh: itemName ?? code, en: code },
      this.d.organisation,
      hh,
      area.rules.windowMonths,
      day,
    );
  }

  private keep(caseId: string, p: Prepared): Prepared {
    this.prepared.set(caseId, p);
    // Kept for the cases of the day at this counter, not for ever.
    if (this.prepared.size > 50) this.prepared.delete(this.prepared.keys().next().value!);
    return p;
  }

  /**
   * A case the flow no longer holds (the terminal restarted): the household and the authorisation
   * come from its latest saved run, so consents on record for that document still count and the
   * run can be repeated without reading the card again. Without a saved run, the card is needed.
   */
  private fromStored(caseId: string, c: ReturnType<MeansCaseSeam['caseOf']>): Prepared {
    const s = this.latest(caseId);
    if (!s) throw new MeansError('MEANS_NOT_RUN', 'The check has not been run for this case yet; read the card again.');
    const r = s.run;
    const hh: Household = { ...r.household, members: r.members };
    const area = areaRules(this.d.cfg, hh.areaCode);
    const code = r.itemCode;
    const auth = s.auth ?? this.authorisation(caseId, code, c.itemName, hh, area, c.openedAt.slice(0, 10));
    return this.keep(caseId, { hh, auth, hash: authorisationHash(auth), area });
  }

  private signing(): SigningService {
    const s = this.d.signing?.();
    if (!s) throw new MeansError('MEANS_NO_SIGNATURE_PENDING', 'On-screen signatures are not available here.');
    return s;
  }

  /** The means test's live (not withdrawn) signature requests of a case, with the member each is for. */
  private requests(caseId: string): MemberRequest[] {
    return memberRequests(this.d.signing?.(), caseId);
  }

  /** Withdraws the member's pending on-screen requests (a refusal, a paper form, another guardian). */
  private withdrawPending(caseId: string, ref: number, keep?: number): void {
    for (const q of this.requests(caseId))
      if (q.ref === ref && q.r.state === 'pending' && q.r.id !== keep) this.signing().withdraw(q.r.id);
  }

  private consentsFor(caseId: string, p: Prepared): Map<string, ConsentState & { signature?: BoundSignature }> {
    return mergedConsents(this.consents, this.d.signing?.(), this.d.clerk()?.id ?? '', caseId, p);
  }

  /** `c` is the case as looked up once per operation (the seam builds the flow's view, not free). */
  private audit(
    c: ReturnType<MeansCaseSeam['caseOf']>,
    action: string,
    idNumber: string | null,
    detail: Record<string, unknown>,
  ): void {
    const caseId = c.id;
    appendAudit(this.d.db, {
      action,
      actor: this.d.clerk()?.id ?? c.clerkId,
      subject: idNumber ? auditSubject(this.d.cipher, idNumber) : null,
      itemCode: c.itemCode ?? null,
      caseId,
      purpose: 'household economic check',
      detail,
    });
  }

  /**
   * Ask the citizen screen for a member's signature (a guardian's, for a member without capacity):
   * a request in the shared signing service, bound to the authorisation's hash; the citizen signs
   * it with citizen.sign like any other document.
   */
  async requestSignature(caseId: string, ref: number, guardianRef?: number): Promise<MeansView> {
    const p = await this.prepare(caseId);
    const m = memberAt(p, ref);
    const g = guardianFor(p, ref, guardianRef);
    const gm = guardianRef === undefined ? undefined : p.hh.members[guardianRef];
    const signerLabel = gm
      ? {
          zh: `监护人 ${maskName(gm.name)}（代 ${maskName(m.name)}）`,
          en: `Guardian ${maskName(gm.name)} for ${maskName(m.name)}`,
        }
      : { zh: `家庭成员 ${maskName(m.name)}`, en: `Household member ${maskName(m.name)}` };
    const r = this.signing().request({
      caseId,
      ...requestKey(ref, guardianRef),
      signerLabel,
      title: AUTH_TITLE,
      data: p.auth,
    });
    // One ask per member at a time: another guardian's (or their own) older ask is withdrawn.
    this.withdrawPending(caseId, ref, r.id);
    if (r.state === 'pending')
      this.audit(this.d.seam.caseOf(caseId), 'meanstest-consent', m.idNumber, {
        kind: 'asked',
        guardian: !!g,
        document: p.hash,
        request: r.id,
      });
    return this.view(caseId);
  }

  /** The means test's pending request the citizen screen shows now (the case at the counter's). */
  private pendingNow(): { caseId: string; p: Prepared; q: MemberRequest } | null {
    const caseId = this.d.seam.current?.() ?? null;
    const p = caseId ? this.prepared.get(caseId) : undefined;
    if (!caseId || !p) return null;
    const next = this.d.signing?.()?.next(caseId);
    const q = next ? this.requests(caseId).find((x) => x.r.id === next.id) : undefined;
    return q ? { caseId, p, q } : null;
  }

  /** means.signRequest: what the citizen screen is asked to have signed now, or null. */
  signRequest(): MeansSignRequest | null {
    const now = this.pendingNow();
    return now ? signRequestOf(now.caseId, now.p, now.q, this.d.cfg) : null;
  }

  /** What the citizen screen lists under the authorisation's title while it waits (names masked). */
  signRows(
    r: Pick<SignRequestView, 'caseId' | 'document' | 'signer'>,
  ): { label: { zh: string; en: string }; value: string }[] {
    const k = requestFor(r);
    const p = this.prepared.get(r.caseId);
    return k && p ? signRowsOf(p, k, this.d.cfg) : [];
  }

  /** means.sign: the strokes for the pending authorisation, through the signing service. */
  citizenSign(caseId: string, hash: string, signature: Signature): void {
    const now = this.pendingNow();
    if (!now || now.caseId !== caseId)
      throw new MeansError('MEANS_NO_SIGNATURE_PENDING', 'No signature is being asked for on this screen.');
    if (hash !== now.p.hash)
      throw new MeansError(
        'MEANS_OTHER_DOCUMENT',
        'This signature was given for another version of the authorisation.',
      );
    this.signing().sign(now.q.r.id, hash, signature);
  }

  /** A paper authorisation signed and scanned, with the reason it was not signed on screen. */
  async recordPaper(
    caseId: string,
    ref: number,
    reason: string,
    guardianRef?: number,
    scanHash?: string,
  ): Promise<MeansView> {
    const p = await this.prepare(caseId);
    const m = memberAt(p, ref);
    const g = guardianFor(p, ref, guardianRef);
    this.recordConsent(caseId, ref, p.hash, m, 'paper', {
      paperReason: reason,
      ...(g ? { guardian: g } : {}),
      ...(scanHash ? { scanHash } : {}),
    });
    return this.view(caseId);
  }

  async refuse(caseId: string, ref: number): Promise<MeansView> {
    const p = await this.prepare(caseId);
    const m = memberAt(p, ref);
    this.recordConsent(caseId, ref, p.hash, m, 'refused', {});
    return this.view(caseId);
  }

  /**
   * A paper form or a refusal: the pending on-screen request withdrawn, then the consent record
   * and its audit entry in one transaction (nothing recorded without its audit).
   */
  private recordConsent(
    caseId: string,
    ref: number,
    hash: string,
    m: Parameters<ConsentStore['record']>[0]['member'],
    kind: 'paper' | 'refused',
    extra: Partial<Parameters<ConsentStore['record']>[0]>,
  ): void {
    const c = this.d.seam.caseOf(caseId);
    this.withdrawPending(caseId, ref);
    this.d.db.transaction(() => {
      this.consents.record({
        caseId,
        member: m,
        kind,
        documentHash: hash,
        clerkId: this.d.clerk()?.id ?? c.clerkId,
        at: this.now(),
        ...extra,
      });
      this.audit(c, 'meanstest-consent', m.idNumber, {
        kind,
        ...(kind === 'paper' ? { guardian: !!extra.guardian } : {}),
        document: hash,
      });
    })();
  }

  /** The authorisation as printed and kept: signatures drawn into their boxes, paper forms noted. */
  async authorisationPdf(caseId: string): Promise<Buffer> {
    const p = await this.prepare(caseId);
    return renderAuthorisation(
      p.auth,
      this.consentsFor(caseId, p),
      p.hh.members.map((m) => m.idNumber),
      this.d.training,
    );
  }

  /** Runs (or re-runs) the check. Never fails for a source that is down: it is unknown and named. */
  async run(caseId: string): Promise<MeansView> {
    const p = await this.prepare(caseId);
    const consents = requireConsents(p, this.consentsFor(caseId, p));
    const { c, item, code } = this.item(caseId);
    const usage = this.usage(caseId);
    const started = performance.now();
    const findings = await queryHousehold(this.d.registry, p.hh.members, this.d.cfg.sources, usage);
    for (const f of findings) f.summary = summarise(this.d.cfg, f);
    const applicantExtra: Finding[] = [];
    const extraRules: RuleOutcome[] = [];
    if (item.applicantLicenses.includes(this.d.cfg.medicalBill.typeCode)) {
      const f = await querySource(
        this.d.registry,
        c.applicant,
        this.d.cfg.medicalBill.typeCode,
        'medical_bill' as SourceKey,
        usage,
      );
      f.summary = summarise(this.d.cfg, f);
      applicantExtra.push(f);
      extraRules.push(billRule(f));
    }
    const at = this.now();
    const ev = evaluateHousehold(this.d.cfg, p.area.rules, p.hh.members, findings, this.day(at), extraRules);
    const run = runRecord(p, {
      caseId,
      runNo: nextRunNo(this.d.db, caseId),
      at: at.toISOString(),
      clerkId: this.d.clerk()?.id ?? c.clerkId,
      itemCode: code,
      findings,
      applicantExtra,
      evaluation: ev,
      durationMs: Math.round(performance.now() - started),
    });
    const clerk = this.d.clerk() ?? { id: c.clerkId, name: c.clerkId };
    const report = reportData(this.d.cfg, run, consents, {
      applicant: c.applicant,
      hall: this.d.hall,
      counter: this.d.counter,
      clerk,
      training: this.d.training,
    });
    const stored: StoredRun = {
      run,
      auth: p.auth,
      consents: [...consents].map(([k, v]) => [k, stripSignature(v)]),
      payload: signCertificate(report, this.d.hallKey),
      report,
    };
    this.d.db.transaction(() => {
      insertRun(this.d.db, this.d.cipher, stored);
      // Every query, per member and source, in the same transaction as the run it belongs to.
      for (const f of [...findings, ...applicantExtra])
        this.audit(c, 'meanstest-query', f.member, {
          run: run.runNo,
          source: f.source,
          state: f.state,
          ...(f.problem ? { problem: f.problem.code } : {}),
        });
      this.audit(c, 'meanstest-run', c.applicant.idNumber, {
        run: run.runNo,
        conclusion: run.conclusion,
        missing: run.missing,
        ms: run.durationMs,
      });
    })();
    void this.renderReport(caseId, stored).catch(() => undefined);
    return this.view(caseId);
  }

  private latest(caseId: string): StoredRun | undefined {
    return latestRun(this.d.db, this.d.cipher, caseId);
  }

  /** The 核对报告 of the latest run, signed like a certificate (the payload was signed at the run). */
  async reportPdf(caseId: string): Promise<Buffer> {
    const s = this.latest(caseId);
    if (!s) throw new MeansError('MEANS_NOT_RUN', 'The check has not been run for this case yet.');
    const hit = this.reports.get(caseId);
    if (hit?.runNo === s.run.runNo) return hit.pdf;
    return this.renderReport(caseId, s);
  }

  /** Renders the latest report afresh (what the benchmark times; a kept render is otherwise reused). */
  async renderReportNow(caseId: string): Promise<Buffer> {
    const s = this.latest(caseId);
    if (!s) throw new MeansError('MEANS_NOT_RUN', 'The check has not been run for this case yet.');
    return this.renderReport(caseId, s);
  }

  /** Same data and payload, same bytes: a kept render is the report as printed. */
  private renderReport(caseId: string, s: StoredRun): Promise<Buffer> {
    const pdf = renderCertificate(REPORT_TEMPLATE, s.report, { payload: s.payload });
    this.reports.set(caseId, { runNo: s.run.runNo, pdf });
    pdf.catch(() => this.reports.delete(caseId));
    if (this.reports.size > 20) this.reports.delete(this.reports.keys().next().value!);
    return pdf;
  }

  /** The report with the application to civil affairs through the outbox (once per run). */
  async submit(caseId: string): Promise<MeansView> {
    const s = this.latest(caseId);
    if (!s) throw new MeansError('MEANS_NOT_RUN', 'The check has not been run for this case yet.');
    const { c, item, code } = this.item(caseId);
    if (s.run.missing.length)
      throw new MeansError('MEANS_SOURCES_MISSING', `Sources missing: ${s.run.missing.join(', ')}; re-run first.`, {
        sources: s.run.missing.map((k) => this.d.cfg.sources.find((x) => x.key === k)?.issuerZh ?? k).join('、'),
      });
    const outbox = this.d.outbox;
    if (!outbox) throw new MeansError('MEANS_NOT_RUN', 'The outbox is not running.');
    const clerk = this.d.clerk() ?? { id: c.clerkId, name: c.clerkId };
    const msg = reportSubmission(s, {
      caseId,
      department: item.department,
      itemCode: code,
      itemName: c.itemName ?? code,
      hall: this.d.hall,
      counter: this.d.counter,
      clerk: { id: clerk.id },
      applicant: c.applicant,
      values: this.d.seam.applicationValues?.(caseId) ?? {},
      submittedAt: this.now(),
    });
    // Pressing submit again for the same run sends nothing more (the key is the run's).
    if (this.d.db.prepare('SELECT 1 FROM outbox WHERE key = ?').get(msg.key)) return this.view(caseId);
    this.d.db.transaction(() => {
      outbox.enqueue(this.d.db, msg);
      this.audit(c, 'meanstest-submit', c.applicant.idNumber, {
        run: s.run.runNo,
        key: msg.key,
        department: item.department,
      });
    })();
    return this.view(caseId);
  }

  async view(caseId: string): Promise<MeansView> {
    const p = await this.prepare(caseId);
    const submitted = this.d.db
      .prepare('SELECT key, created_at at FROM outbox WHERE case_id = ? AND key LIKE ? ORDER BY id DESC LIMIT 1')
      .get(caseId, `${caseId}.%.1__`) as { key: string; at: string } | undefined;
    return meansView({
      caseId,
      p,
      consents: this.consentsFor(caseId, p),
      latest: this.latest(caseId),
      submitted,
      pending: this.requests(caseId).find((q) => q.r.state === 'pending'),
      cfg: this.d.cfg,
    });
  }
}
