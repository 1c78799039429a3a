import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownHallKeys, verifyDocument } from '../../../electron/services/certificates';
import { makeCore, type Fixture } from '../../helpers/core';
import { placeAndWait, removeCard } from '../../helpers/flow-steps';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { until } from '../../helpers/until';
import type { MeansView } from '../../../electron/services/meanstest';

/**
 * The household economic check against the sandbox's demo households, through the API as the
 * clerk uses it, the real registry client and the sandbox's signed economic records.
 */
const ECON = new Set(['191001', '191002', '191003', '191004', '191005', '191006', '191007', '192001']);

let sandbox: TestSandbox;
let f: Fixture;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  f = await makeCore({ boot: { registry: sandbox, departments: true } });
}, 60_000);
afterAll(async () => {
  await f?.close();
  await sandbox?.stop();
});

/** Economic-source calls the sandbox recorded (searches by economic type, and record fetches). */
const econCalls = (holders?: Set<string>) =>
  sandbox.usage!().filter(
    (r) =>
      (r.types?.split(',').some((t) => ECON.has(t)) || (r.identifier && ECON.has(r.identifier.split('.')[5] ?? ''))) &&
      (!holders || holders.has(r.holderCode ?? '')),
  );

async function openCase(name: string, itemCode = 'low-income-application'): Promise<string> {
  await removeCard(f.core);
  const c = await placeAndWait(f.core, name);
  await f.callOk('case.chooseItem', { caseId: c.caseId, itemCode });
  return c.caseId;
}

/** Every adult authorises on paper (a guardian for the very old): the quick path for the rule tests. */
async function consentAll(caseId: string): Promise<MeansView> {
  let v = await f.callOk('means.view', { caseId });
  for (const m of v.members.filter((x) => x.adult))
    v = await f.callOk('means.recordPaper', { caseId, member: m.ref, reason: '本人在外地务工，纸质授权书已邮寄' });
  return v;
}

const failing = (v: MeansView) => v.run!.rules.filter((r) => r.result === 'failed').map((r) => r.id);

describe('means test: consent first', () => {
  it('queries no economic source before every adult has authorised, then queries each member × source once', async () => {
    const caseId = await openCase('孙卫东');
    const v0 = await f.callOk('means.view', { caseId });
    expect(v0.members.map((m) => [m.name, m.adult])).toEqual([
      ['孙卫东', true],
      ['李秀梅', true],
      ['孙浩', false],
      ['张桂芝', true],
    ]);
    // The card read and the item's own checks touched no economic source.
    expect(econCalls()).toEqual([]);
    const before = econCalls().length;
    const blocked = await f.call('means.run', { caseId });
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) {
      expect(blocked.error.code).toBe('MEANS_CONSENT_MISSING');
      expect(blocked.error.params).toEqual({ names: '孙卫东、李秀梅、张桂芝' });
    }
    expect(econCalls().length).toBe(before);

    // 孙卫东 signs on the citizen screen; he signs again as 张桂芝's guardian; 李秀梅 sends a paper form.
    const svc = f.core.services.meanstest!;
    const sig = {
      strokes: [
        [
          { x: 10, y: 10, pressure: 0.5 },
          { x: 120, y: 40, pressure: 0.6 },
        ],
      ],
      width: 300,
      height: 100,
    };
    await f.callOk('means.requestSignature', { caseId, member: 0 });
    const req = svc.signRequest()!;
    expect(req.signer).not.toContain('卫');
    expect(() => svc.citizenSign(caseId, 'f'.repeat(64), sig)).toThrow(/another version/);
    svc.citizenSign(caseId, req.documentHash, sig);
    await f.callOk('means.requestSignature', { caseId, member: 3, guardian: 0 });
    expect(svc.signRequest()!.forMember).toBeDefined();
    svc.citizenSign(caseId, req.documentHash, sig);
    const partial = await f.call('means.run', { caseId });
    expect(!partial.ok && partial.error.params).toEqual({ names: '李秀梅' });
    expect(econCalls().length).toBe(before);
    await f.callOk('means.recordPaper', { caseId, member: 1, reason: '在医院陪护，无法到窗口签名' });

    const v = await f.callOk('means.run', { caseId });
    expect(v.run!.conclusion).toBe('eligible');
    // 4 members × 7 sources, a search and a record fetch each.
    expect(econCalls().length - before).toBe(4 * 7 * 2);
    expect(v.run!.figures.incomePerPersonMonth).toBe(450);
    expect(v.run!.figures.floorSpacePerPerson).toBe(17);
    expect(v.members.find((m) => m.name === '张桂芝')!.consent).toMatchObject({ kind: 'signed', guardian: '孙卫东' });

    // Audit: each query, per member, in the run's transaction.
    const rows = f.core.db
      .prepare("SELECT subject, detail FROM audit_log WHERE action = 'meanstest-query' AND case_id = ?")
      .all(caseId) as Array<{ subject: string; detail: string }>;
    expect(rows).toHaveLength(28);
    expect(new Set(rows.map((r) => r.subject)).size).toBe(4);
    expect(new Set(rows.map((r) => (JSON.parse(r.detail) as { source: string }).source)).size).toBe(7);

    // The authorisation and the report render.
    const auth = await f.callOk('means.authorisation', { caseId });
    expect(Buffer.from(auth.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const rep = await f.callOk('means.report', { caseId });
    expect(rep.pages).toBeGreaterThanOrEqual(1);
    // To look at them: MEANSTEST_OUT=/tmp/x npx vitest run tests/integration/meanstest, then pdftoppm.
    if (process.env.MEANSTEST_OUT) {
      writeFileSync(join(process.env.MEANSTEST_OUT, 'authorisation.pdf'), Buffer.from(auth.pdfBase64, 'base64'));
      writeFileSync(join(process.env.MEANSTEST_OUT, 'report.pdf'), Buffer.from(rep.pdfBase64, 'base64'));
    }
    // The report verifies like a certificate.
    const check = verifyDocument(Buffer.from(rep.pdfBase64, 'base64'), ownHallKeys(f.dataDir));
    expect(check.status).toBe('valid');
  }, 60_000);

  it('a refusal blocks the check and names who refused; the next card ends a pending ask', async () => {
    const first = await openCase('冯志强');
    await f.callOk('means.requestSignature', { caseId: first, member: 0 });
    expect(f.core.services.meanstest!.signRequest()?.caseId).toBe(first);
    const caseId = await openCase('周建国');
    expect(f.core.services.meanstest!.signRequest()).toBeNull();
    await f.callOk('means.refuse', { caseId, member: 1 });
    const r = await f.call('means.run', { caseId });
    expect(!r.ok && r.error.code).toBe('MEANS_CONSENT_REFUSED');
    expect(!r.ok && r.error.params).toEqual({ names: '吴丽' });
  }, 30_000);
});

describe('means test: each demo household', () => {
  it.each([
    ['周建国', 'ineligible', ['vehicle']],
    ['郑海涛', 'ineligible', ['business']],
    ['冯志强', 'ineligible', ['homes']],
    ['何立新', 'ineligible', ['income']],
    ['曹明', 'review', []],
  ] as const)(
    '%s: %s, failing %j',
    async (name, conclusion, rules) => {
      const caseId = await openCase(name);
      await consentAll(caseId);
      const v = await f.callOk('means.run', { caseId });
      expect(v.run!.conclusion).toBe(conclusion);
      expect(failing(v)).toEqual(rules);
      if (name === '曹明') {
        expect(v.run!.missing.map((m) => m.key)).toEqual(['deposit']);
        expect(v.run!.rules.find((r) => r.id === 'deposit')!.result).toBe('unknown');
        expect(v.run!.findings.find((x) => x.source === 'deposit')!.state).toBe('unverified');
      }
      if (name === '何立新') expect(v.run!.figures.incomePerPersonMonth).toBeGreaterThan(v.run!.figures.incomeStandard);
    },
    30_000,
  );
});

describe('means test: to civil affairs', () => {
  it('sends the report with the application through the outbox; the sandbox department rejects a 不符合 within seconds', async () => {
    const caseId = await openCase('周建国');
    await consentAll(caseId);
    await f.callOk('means.run', { caseId });
    const v = await f.callOk('means.submit', { caseId });
    expect(v.submitted?.key).toBe(`${caseId}.CAB.101`);
    const decided = await until(
      'the department decides',
      async () => {
        const s = await f.callOk('submissions.forCase', { caseId });
        return s.submissions[0]?.final ? s.submissions[0] : undefined;
      },
      { timeoutMs: 20_000, stepMs: 200 },
    );
    expect(decided).toMatchObject({ status: 'rejected', reason: { zh: expect.stringContaining('家庭经济状况核对') } });
    await f.callOk('means.submit', { caseId }); // the same run again: still one submission
    expect((await f.callOk('submissions.forCase', { caseId })).submissions).toHaveLength(1);
  }, 40_000);
});

describe('means test: a source down', () => {
  it('is unknown with the source named, saved, and re-run to a conclusion once it returns', async () => {
    const caseId = await openCase('孙卫东');
    await consentAll(caseId);
    await sandbox.setEconFaults({ sources: { tax: { down: true } } });
    try {
      const v1 = await f.callOk('means.run', { caseId });
      expect(v1.run!.conclusion).toBe('review');
      expect(v1.run!.missing).toEqual([
        { key: 'tax', name: { zh: '国家税务总局示范市税务局', en: 'Demo City Tax Service' } },
      ]);
      const income = v1.run!.rules.find((r) => r.id === 'income')!;
      expect(income.result).toBe('unknown');
      expect(income.sentence.zh).toContain('国家税务总局示范市税务局');
      expect(v1.run!.rules.filter((r) => r.id !== 'income').every((r) => r.result === 'passed')).toBe(true);
      const sub = await f.call('means.submit', { caseId });
      expect(!sub.ok && sub.error.code).toBe('MEANS_SOURCES_MISSING');
      // The registry as a whole stays online: one source down is not the platform down.
      expect(f.core.services.registry!.state()).toBe('closed');
    } finally {
      await sandbox.setEconFaults({});
    }
    const v2 = await f.callOk('means.run', { caseId });
    expect(v2.run!.runNo).toBe(2);
    expect(v2.run!.conclusion).toBe('eligible');
    expect(v2.run!.missing).toEqual([]);
    const sent = await f.callOk('means.submit', { caseId });
    expect(sent.submitted).toMatchObject({ runNo: 2 });
  }, 60_000);
});

describe('means test: 大病救助', () => {
  it('reuses the household check and adds the hospital bill from the health commission', async () => {
    const caseId = await openCase('孙卫东', 'serious-illness-aid');
    await consentAll(caseId);
    const v = await f.callOk('means.run', { caseId });
    const bill = v.run!.rules.find((r) => r.id === 'medical-bill')!;
    expect(bill.result).toBe('passed');
    expect(bill.sentence.zh).toContain('急性心肌梗死');
    expect(v.run!.conclusion).toBe('eligible');
    expect(v.run!.findings.filter((x) => x.source === 'medical_bill')).toHaveLength(1);
  }, 30_000);
});

describe('means test: consent through the signing service', () => {
  it('a refusal withdraws the pending request; asked again and signed, the newest consent wins', async () => {
    const caseId = await openCase('郑海涛');
    const signing = f.core.services.signing!;
    const svc = f.core.services.meanstest!;
    const asked = await f.callOk('means.requestSignature', { caseId, member: 0 });
    expect(asked.pending).toMatchObject({ ref: 0 });
    const first = signing.next(caseId)!;
    expect(first).toMatchObject({ document: 'meanstest-authorisation', signer: 'member:1', state: 'pending' });
    expect(first.documentHash).toBe(asked.documentHash);
    // The citizen screen shows it with the authorisation's summary (names masked).
    const shown = f.core.services.citizen!.view().sign!;
    expect(shown.hash).toBe(asked.documentHash);
    expect(JSON.stringify(shown)).not.toContain('郑海涛');

    const refused = await f.callOk('means.refuse', { caseId, member: 0 });
    expect(refused.pending).toBeUndefined();
    expect(signing.get(first.id).state).toBe('withdrawn');
    expect(svc.signRequest()).toBeNull();

    await f.callOk('means.requestSignature', { caseId, member: 0 });
    const again = signing.next(caseId)!;
    expect(again.id).not.toBe(first.id);
    svc.citizenSign(caseId, again.documentHash, {
      strokes: [
        [
          { x: 5, y: 5, pressure: 0.5 },
          { x: 60, y: 30, pressure: 0.5 },
        ],
      ],
      width: 100,
      height: 50,
    });
    const v = await f.callOk('means.view', { caseId });
    expect(v.members[0]!.consent).toMatchObject({ kind: 'signed', current: true });
    expect(v.consentRefused).toEqual([]);
    expect(signing.signatureFor(caseId, again.documentHash, 'member:1')).not.toBeNull();
  }, 30_000);
});
