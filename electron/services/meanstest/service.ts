import type { Db } from '../db/open';
import type { RecordCipher } from '../crypto';
import { appendAudit, auditSubject } from '../audit';
import {
  certificateFactsHash,
  certificateFont,
  maskName,
  renderCertificate,
  signCertificate,
  type CertificateData,
} from '../certificates';
import type { HallKey } from '../certificates';
import { canonicalJson } from '../../../protocol/canonical';
import { sm3Hex } from '../../../protocol/sm3';
import type { Outbox } from '../outbox';
import { submission } from '../outbox/submission';
import type { FetchedLicense, Registry, UsageContext } from '../registry/types';
import type { BoundSignature } from '../signature/bind';
import type { SigningService } from '../signature/service';
import type { SignRequestView } from '../signature/types';
import type { Signature } from '../../../native/signature-pad/types';
import { authorisationData, authorisationHash, renderAuthorisation, type AuthorisationData } from './authorisation';
import { areaRules, type MeansConfig, type SourceKey } from './config';
import { ConsentStore, consentGaps } from './consent';
import { AUTH_TITLE, requestFor, requestKey } from './signers';
import { MeansError } from './errors';
import { householdFrom, type Household } from './household';
import { querySource, queryHousehold } from './query';
import { REPORT_TEMPLATE, reportData } from './report';
import { evaluateHousehold } from './rules';
import { summarise, text } from './summary';
import { maskIdNumber } from '../../../protocol/id-mask';
import type { MeansSignRequest, MeansView } from './api-types';
import { CONCLUSION_WORDS, type CheckRun, type ConsentState, type Finding, type RuleOutcome } from './types';

/** The case as the check needs it. Implemented over the flow in wiring; the flow's own rules (who may see a case) apply. */
export interface MeansCaseSeam {
  caseOf(caseId: string): {
    id: string;
    clerkId: string;
    itemCode?: string;
    itemName?: string;
    applicant: { name: string; idNumber: string };
    openedAt: string;
    /** False when the flow no longer holds the case (after a restart): rebuilt from its sealed record. */
    live?: boolean;
  };
  /** The applicant's household register, fetched under the case's usage (cache allowed, it says so). */
  householdRegister(caseId: string, applicantId: string, usage: UsageContext): Promise<FetchedLicense | undefined>;
  /** The application's form values when case.apply stored one (sent with the report). */
  applicationValues?(caseId: string): Record<string, string> | undefined;
  /** Whether the case is still the one at the counter (a signature is asked only for that one). */
  isCurrent?(caseId: string): boolean;
  /** The case at the counter now, whose requests the citizen screen shows. */
  current?(): string | null;
}

export interface MeansDeps {
  db: Db;
  cipher: RecordCipher;
  registry: Pick<Registry, 'search' | 'get'>;
  cfg: MeansConfig;
  seam: MeansCaseSeam;
  hallKey: HallKey;
  hall: { id: string; name: string };
  counter: string;
  organisation: string;
  training: boolean;
  clerk(): { id: string; name: string } | null;
  outbox?: Outbox;
  /** The shared signing service (created with the citizen screen, after this one). */
  signing?: () => SigningService | undefined;
  now?: () => Date;
  /** Local calendar day (YYYY-MM-DD) of a moment; the terminal's own calendar. */
  day?: (d: Date) => string;
}

interface Prepared {
  hh: Household;
  auth: AuthorisationData;
  hash: string;
  area: ReturnType<typeof areaRules>;
}

interface StoredRun {
  run: CheckRun;
  /** The authorisation the run's consents were given for (a re-run after a restart starts from it). */
  auth?: AuthorisationData;
  consents: Array<[string, ConsentState]>;
  payload: string;
  report: CertificateData;
}

const localDay = (d: Date): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
const runAad = (caseId: string, n: number) => `meanstest_runs|${caseId}|${n}`;

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
    this.day = d.day ?? localDay;
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
  private requests(caseId: string): Array<{ r: SignRequestView; ref: number; guardianRef?: number }> {
    const signing = this.d.signing?.();
    if (!signing) return [];
    return signing.list(caseId).flatMap((r) => {
      const k = r.state === 'withdrawn' ? null : requestFor(r);
      return k ? [{ r, ...k }] : [];
    });
  }

  /** Withdraws the member's pending on-screen requests (a refusal, a paper form, another guardian). */
  private withdrawPending(caseId: string, ref: number, keep?: number): void {
    for (const q of this.requests(caseId))
      if (q.ref === ref && q.r.state === 'pending' && q.r.id !== keep) this.signing().withdraw(q.r.id);
  }

  /**
   * Each member's newest consent: the consent store's rows (paper forms with their reason,
   * refusals, and signatures recorded before the signing service) and the on-screen signatures the
   * signing service holds for this authorisation document; the newest wins.
   */
  private consentsFor(caseId: string, p: Prepared): Map<string, ConsentState & { signature?: BoundSignature }> {
    const all = this.consents.forCase(caseId);
    const signing = this.d.signing?.();
    if (!signing) return all;
    const clerkId = this.d.clerk()?.id ?? '';
    for (const q of this.requests(caseId)) {
      if (q.r.state !== 'signed' || q.r.documentHash !== p.hash) continue;
      const m = p.hh.members[q.ref];
      if (!m) continue;
      const old = all.get(m.idNumber);
      if (old && old.at > q.r.signedAt!) continue;
      const g = q.guardianRef === undefined ? undefined : p.hh.members[q.guardianRef];
      const signature = signing.signatureFor(caseId, q.r.documentHash, q.r.signer);
      all.set(m.idNumber, {
        member: m.idNumber,
        kind: 'signed',
        documentHash: q.r.documentHash,
        at: q.r.signedAt!,
        clerkId: old?.clerkId ?? clerkId,
        ...(g ? { guardian: { name: g.name, idNumber: g.idNumber, relation: g.relation } } : {}),
        ...(signature ? { signature: { signature, documentHash: q.r.documentHash, signedAt: q.r.signedAt! } } : {}),
      });
    }
    return all;
  }

  private member(p: Prepared, ref: number) {
    const m = p.hh.members[ref];
    if (!m) throw new MeansError('MEANS_NO_MEMBER', `No member ${ref} in this household.`);
    return m;
  }

  private guardianOf(p: Prepared, ref: number, guardianRef?: number) {
    if (guardianRef === undefined) return undefined;
    const g = p.hh.members[guardianRef];
    if (!g || guardianRef === ref || !g.adult)
      throw new MeansError('MEANS_GUARDIAN_INVALID', 'A guardian must be another adult member of the household.');
    return { name: g.name, idNumber: g.idNumber, relation: g.relation };
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
    const m = this.member(p, ref);
    const g = this.guardianOf(p, ref, guardianRef);
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
  private pendingNow(): { caseId: string; p: Prepared; q: ReturnType<MeansTestService['requests']>[number] } | null {
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
    if (!now) return null;
    const { p, q } = now;
    const m = p.hh.members[q.ref]!;
    const g = q.guardianRef === undefined ? undefined : p.hh.members[q.guardianRef];
    return {
      caseId: now.caseId,
      documentHash: p.hash,
      title: AUTH_TITLE,
      signer: maskName(g?.name ?? m.name),
      ...(g ? { forMember: maskName(m.name) } : {}),
      sources: this.d.cfg.sources.map((s) => ({ zh: s.nameZh, en: s.nameEn })),
      windowMonths: p.area.rules.windowMonths,
    };
  }

  /** What the citizen screen lists under the authorisation's title while it waits (names masked). */
  signRows(
    r: Pick<SignRequestView, 'caseId' | 'document' | 'signer'>,
  ): { label: { zh: string; en: string }; value: string }[] {
    const k = requestFor(r);
    const p = this.prepared.get(r.caseId);
    if (!k || !p) return [];
    const m = p.hh.members[k.ref];
    const g = k.guardianRef === undefined ? undefined : p.hh.members[k.guardianRef];
    if (!m) return [];
    return [
      { label: { zh: '签名人', en: 'Signing' }, value: maskName(g?.name ?? m.name) },
      ...(g ? [{ label: { zh: '代为签名（监护人）', en: 'On behalf of (guardian)' }, value: maskName(m.name) }] : []),
      { label: { zh: '核对期间（月）', en: 'Months checked' }, value: String(p.area.rules.windowMonths) },
      { label: { zh: '核对信息', en: 'Records checked' }, value: this.d.cfg.sources.map((s) => s.nameZh).join('、') },
    ];
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
    const m = this.member(p, ref);
    const g = this.guardianOf(p, ref, guardianRef);
    this.recordConsent(caseId, ref, p.hash, m, 'paper', {
      paperReason: reason,
      ...(g ? { guardian: g } : {}),
      ...(scanHash ? { scanHash } : {}),
    });
    return this.view(caseId);
  }

  async refuse(caseId: string, ref: number): Promise<MeansView> {
    const p = await this.prepare(caseId);
    const m = this.member(p, ref);
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

  /** Refused or missing consent blocks the check; the message names whose. */
  private assertConsent(caseId: string, p: Prepared): Map<string, ConsentState> {
    const all = this.consentsFor(caseId, p);
    const { missing, refused } = consentGaps(p.hh.members, all, p.hash);
    if (refused.length)
      throw new MeansError('MEANS_CONSENT_REFUSED', `Refused: ${refused.map((m) => m.name).join(', ')}.`, {
        names: refused.map((m) => m.name).join('、'),
      });
    if (missing.length)
      throw new MeansError(
        'MEANS_CONSENT_MISSING',
        `No authorisation on record for ${missing.map((m) => m.name).join(', ')}; no source was queried.`,
        { names: missing.map((m) => m.name).join('、') },
      );
    return all;
  }

  /** Runs (or re-runs) the check. Never fails for a source that is down: it is unknown and named. */
  async run(caseId: string): Promise<MeansView> {
    const p = await this.prepare(caseId);
    const consents = this.assertConsent(caseId, p);
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
      extraRules.push(this.billRule(f));
    }
    const at = this.now();
    const ev = evaluateHousehold(this.d.cfg, p.area.rules, p.hh.members, findings, this.day(at), extraRules);
    const runNo =
      ((
        this.d.db.prepare('SELECT max(run_no) n FROM meanstest_runs WHERE case_id = ?').get(caseId) as {
          n: number | null;
        }
      ).n ?? 0) + 1;
    const run: CheckRun = {
      caseId,
      runNo,
      at: at.toISOString(),
      clerkId: this.d.clerk()?.id ?? c.clerkId,
      itemCode: code,
      household: {
        number: p.hh.number,
        address: p.hh.address,
        areaCode: p.hh.areaCode,
        registerId: p.hh.registerId,
        ...(p.hh.registerAsOf ? { registerAsOf: p.hh.registerAsOf } : {}),
      },
      area: { prefix: p.area.prefix, name: p.area.rules.name },
      members: p.hh.members,
      findings,
      applicantExtra,
      rules: ev.rules,
      figures: ev.figures,
      conclusion: ev.conclusion,
      missing: ev.missing,
      durationMs: Math.round(performance.now() - started),
    };
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
    const json = canonicalJson(stored);
    this.d.db.transaction(() => {
      this.d.db
        .prepare(
          'INSERT INTO meanstest_runs(case_id, run_no, conclusion, missing, result, result_hash, clerk_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          caseId,
          runNo,
          run.conclusion,
          JSON.stringify(run.missing),
          this.d.cipher.seal(json, runAad(caseId, runNo)),
          sm3Hex(json),
          run.clerkId,
          run.at,
        );
      // Every query, per member and source, in the same transaction as the run it belongs to.
      for (const f of [...findings, ...applicantExtra])
        this.audit(c, 'meanstest-query', f.member, {
          run: runNo,
          source: f.source,
          state: f.state,
          ...(f.problem ? { problem: f.problem.code } : {}),
        });
      this.audit(c, 'meanstest-run', c.applicant.idNumber, {
        run: runNo,
        conclusion: run.conclusion,
        missing: run.missing,
        ms: run.durationMs,
      });
    })();
    void this.renderReport(caseId, stored).catch(() => undefined);
    return this.view(caseId);
  }

  private billRule(f: Finding): RuleOutcome {
    const label = { zh: '医院诊断及医疗费用结算单', en: "The hospital's diagnosis and bill" };
    const sources: RuleOutcome['sources'] = f.license
      ? [{ source: 'medical_bill', member: f.member, identifier: f.license.number, issuer: f.license.issuer }]
      : [];
    if (f.state === 'found')
      return {
        id: 'medical-bill',
        label,
        result: 'passed',
        sentence: {
          zh: `${text(f, 'hospital')}诊断${text(f, 'diagnosis')}（${text(f, 'admitted')} 至 ${text(f, 'discharged')}），医疗费用 ${text(f, 'total')} 元，医保支付 ${text(f, 'insurancePaid')} 元，个人自付 ${text(f, 'selfPaid')} 元。`,
          en: `${text(f, 'hospital')}: ${text(f, 'diagnosis')} (${text(f, 'admitted')} to ${text(f, 'discharged')}), bill ${text(f, 'total')}, insurance ${text(f, 'insurancePaid')}, self-paid ${text(f, 'selfPaid')}.`,
        },
        sources,
      };
    if (f.state === 'none')
      return {
        id: 'medical-bill',
        label,
        result: 'failed',
        sentence: {
          zh: '卫生健康委未查到申请人的住院诊断及费用结算记录。',
          en: 'The health commission holds no hospital bill for the applicant.',
        },
        sources,
      };
    return {
      id: 'medical-bill',
      label,
      result: 'unknown',
      sentence: {
        zh: '未能取得可用的住院诊断及费用结算记录（未返回或未通过验签）。',
        en: 'No usable hospital bill (no answer or failed verification).',
      },
      sources,
    };
  }

  private latest(caseId: string): StoredRun | undefined {
    const r = this.d.db
      .prepare('SELECT run_no, result FROM meanstest_runs WHERE case_id = ? ORDER BY run_no DESC LIMIT 1')
      .get(caseId) as { run_no: number; result: Buffer } | undefined;
    if (!r) return undefined;
    return JSON.parse(this.d.cipher.open(r.result, runAad(caseId, r.run_no)).toString('utf8')) as StoredRun;
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
    const f = s.run.figures;
    const values = this.d.seam.applicationValues?.(caseId) ?? {};
    const clerk = this.d.clerk() ?? { id: c.clerkId, name: c.clerkId };
    const msg = submission({
      caseId,
      department: item.department,
      itemCode: code,
      itemName: c.itemName ?? code,
      hall: this.d.hall,
      counter: this.d.counter,
      clerk: { id: clerk.id },
      applicant: c.applicant,
      form: {
        ...values,
        householdSize: s.run.members.length,
        meansConclusion: CONCLUSION_WORDS[s.run.conclusion].zh,
        meansReportSerial: s.report.serial,
        meansReportHash: certificateFactsHash(s.report),
        incomePerPersonMonth: f.incomePerPersonMonth,
        incomeStandard: f.incomeStandard,
        incomeAboveLine: f.incomePerPersonMonth !== null && f.incomePerPersonMonth > f.incomeStandard,
        floorSpacePerPerson: f.floorSpacePerPerson,
        failedRules: s.run.rules
          .filter((r) => r.result === 'failed')
          .map((r) => r.id)
          .join(','),
      },
      // The application's own submission (case.apply) is 1, 2…; the report's are 100 + run.
      seq: 100 + s.run.runNo,
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
    const consents = this.consentsFor(caseId, p);
    const { missing, refused } = consentGaps(p.hh.members, consents, p.hash);
    const s = this.latest(caseId);
    const refOf = (id: string) => p.hh.members.findIndex((m) => m.idNumber === id);
    const cfg = this.d.cfg;
    const sourceName = (k: string) => {
      const x = cfg.sources.find((y) => y.key === k);
      return x ? { zh: x.issuerZh, en: x.issuerEn } : { zh: cfg.medicalBill.nameZh, en: cfg.medicalBill.nameEn };
    };
    const sub = this.d.db
      .prepare('SELECT key, created_at at FROM outbox WHERE case_id = ? AND key LIKE ? ORDER BY id DESC LIMIT 1')
      .get(caseId, `${caseId}.%.1__`) as { key: string; at: string } | undefined;
    const pend = this.requests(caseId).find((q) => q.r.state === 'pending');
    return {
      caseId,
      itemCode: p.auth.item.code,
      household: { number: p.hh.number, address: p.hh.address },
      area: {
        name: p.area.rules.name,
        incomeStandard: p.area.rules.incomeStandard,
        windowMonths: p.area.rules.windowMonths,
      },
      members: p.hh.members.map((m, ref) => {
        const c = consents.get(m.idNumber);
        return {
          ref,
          name: m.name,
          idNumberMasked: maskIdNumber(m.idNumber),
          relation: m.relation,
          age: m.age,
          adult: m.adult,
          consent: c
            ? {
                kind: c.kind,
                at: c.at,
                current: c.documentHash === p.hash,
                ...(c.guardian ? { guardian: c.guardian.name } : {}),
                ...(c.paperReason ? { paperReason: c.paperReason } : {}),
              }
            : null,
        };
      }),
      consentMissing: missing.map((m) => m.name),
      consentRefused: refused.map((m) => m.name),
      documentHash: p.hash,
      ...(pend && p.hh.members[pend.ref]
        ? {
            pending: {
              ref: pend.ref,
              name: p.hh.members[pend.ref]!.name,
              ...(pend.guardianRef !== undefined && p.hh.members[pend.guardianRef]
                ? { guardian: p.hh.members[pend.guardianRef]!.name }
                : {}),
            },
          }
        : {}),
      ...(s
        ? {
            run: {
              runNo: s.run.runNo,
              at: s.run.at,
              durationMs: s.run.durationMs,
              conclusion: s.run.conclusion,
              conclusionWords: CONCLUSION_WORDS[s.run.conclusion],
              missing: s.run.missing.map((k) => ({ key: k, name: sourceName(k) })),
              figures: s.run.figures,
              rules: s.run.rules.map((r) => ({
                id: r.id,
                label: r.label,
                result: r.result,
                sentence: r.sentence,
                licenses: r.sources.flatMap((x) => (x.identifier ? [x.identifier] : [])),
              })),
              findings: [...s.run.findings, ...s.run.applicantExtra].map((f) => ({
                ref: refOf(f.member),
                source: f.source,
                sourceName: sourceName(f.source),
                state: f.state,
                summary: f.summary ?? summarise(cfg, f),
                queriedAt: f.queriedAt,
                ...(f.asOf ? { asOf: f.asOf } : {}),
                ...(f.license ? { license: { number: f.license.number, issuer: f.license.issuer } } : {}),
              })),
            },
          }
        : {}),
      ...(sub ? { submitted: { key: sub.key, at: sub.at, runNo: Number(sub.key.split('.').pop()) - 100 } } : {}),
    };
  }
}

const stripSignature = (c: ConsentState & { signature?: BoundSignature }): ConsentState => {
  const { signature: _s, ...rest } = c;
  return rest;
};
