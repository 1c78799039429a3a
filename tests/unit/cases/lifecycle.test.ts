import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CaseError,
  chooseItem,
  findCasesBySubject,
  getCase,
  getDocument,
  issueCertificate,
  licensesUsedFrom,
  listInterrupted,
  markCompleted,
  markJobAccepted,
  markSendStarted,
  openCase,
  printState,
  recentItemCounts,
  recordChecks,
  recordOverride,
  recordReprint,
  voidCase,
} from '../../../electron/services/cases';
import type { CheckResult } from '../../../electron/services/rules';
import {
  homestead,
  householdRegister,
  SPOUSE,
  tempDb,
  testCipher,
  verified,
  type TempDb,
} from '../../helpers/cases/fixtures';

const passed: CheckResult = {
  id: 'registered-member',
  kind: 'household-member',
  label: { zh: '户内', en: 'member' },
  result: 'passed',
  sentence: { zh: `申请人${SPOUSE.name}登记在户内`, en: 'ok' },
};
const failed: CheckResult = { ...passed, id: 'property-at-address', result: 'failed' };
const d = (s: string) => new Date(s);

let t: TempDb;
const cipher = testCipher();
beforeEach(() => (t = tempDb()));
afterEach(() => t.close());

const open = (over: Partial<Parameters<typeof openCase>[2]> = {}) =>
  openCase(t.db, cipher, {
    hallId: 'TRAIN01',
    counterId: 'T-01',
    clerkId: 'clerk-1',
    source: 'card',
    person: {
      name: SPOUSE.name,
      idNumber: SPOUSE.idNumber,
      address: '示范市青山区柳河镇东庄村18号',
      sex: '女',
      birth: SPOUSE.birth,
    },
    cardReadAt: d('2025-11-20T02:00:00.000Z'),
    ...over,
  }).id;

function ready(checks = [passed], id = open()): string {
  chooseItem(t.db, id, 'clean-energy-check', d('2025-11-20T02:00:05.000Z'));
  recordChecks(t.db, cipher, id, {
    licensesUsed: licensesUsedFrom([
      verified(householdRegister()),
      verified(homestead(), 'cache', '2025-11-19T00:00:00.000Z'),
    ]),
    checks,
    at: d('2025-11-20T02:00:06.000Z'),
  });
  return id;
}

const errCode = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CaseError);
    return (e as CaseError).code;
  }
  throw new Error('expected a CaseError');
};

describe('case lifecycle', () => {
  it('runs card read -> item -> checks -> serial -> job -> printed, recording every timestamp', () => {
    const id = ready();
    const { serial } = issueCertificate(t.db, cipher, id, {
      at: d('2025-11-20T02:00:07.000Z'),
      document: (s) => ({ serial: s, facts: ['x'] }),
    });
    expect(serial).toMatch(/^TRAIN01-T-01-2025-000001$/);
    markJobAccepted(t.db, id, 'Counter-17', 'Counter', d('2025-11-20T02:00:08.000Z'));
    markCompleted(t.db, id, d('2025-11-20T02:00:20.000Z'));
    const c = getCase(t.db, cipher, id);
    expect(c).toMatchObject({
      state: 'completed',
      serial,
      itemCode: 'clean-energy-check',
      eligible: true,
      printJobId: 'Counter-17',
      printer: 'Counter',
      source: 'card',
      hasDocument: true,
    });
    expect(c.person).toMatchObject({ name: SPOUSE.name, idNumber: SPOUSE.idNumber });
    expect(c.checks).toEqual([passed]);
    expect(c.licensesUsed.map((l) => [l.typeCode, l.verification, l.source, l.asOf])).toEqual([
      ['111002', 'verified', 'registry', undefined],
      ['113002', 'verified', 'cache', '2025-11-19T00:00:00.000Z'],
    ]);
    expect(c.times).toEqual({
      cardReadAt: '2025-11-20T02:00:00.000Z',
      itemChosenAt: '2025-11-20T02:00:05.000Z',
      checkedAt: '2025-11-20T02:00:06.000Z',
      generatedAt: '2025-11-20T02:00:07.000Z',
      jobAcceptedAt: '2025-11-20T02:00:08.000Z',
      jobCompletedAt: '2025-11-20T02:00:20.000Z',
    });
    expect(getDocument(t.db, cipher, id)).toEqual({ serial, facts: ['x'] });
    expect(findCasesBySubject(t.db, cipher, SPOUSE.idNumber)).toEqual([id]);
  });

  it('keeps names, ID numbers, addresses and check sentences out of the database file', () => {
    const id = ready();
    issueCertificate(t.db, cipher, id, { document: () => ({ holder: SPOUSE.name }) });
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(t.file);
    for (const secret of [SPOUSE.name, SPOUSE.idNumber, '东庄村', '登记在户内', 'H110903000123'])
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
  });

  it('allocates serials in sequence per counter and year, never reusing one after a void', () => {
    const issue = (at: string, counterId = 'T-01') =>
      issueCertificate(t.db, cipher, ready([passed], open({ counterId })), { at: d(at) }).serial;
    const first = issue('2025-06-01T04:00:00Z');
    const second = issue('2025-06-01T04:01:00Z');
    voidCase(
      t.db,
      t.db.prepare('SELECT id FROM cases WHERE serial = ?').pluck().get(second) as string,
      'supervisor',
      'printed on the wrong paper',
    );
    expect([first, second, issue('2025-06-01T04:02:00Z')]).toEqual([
      'TRAIN01-T-01-2025-000001',
      'TRAIN01-T-01-2025-000002',
      'TRAIN01-T-01-2025-000003',
    ]);
    expect(issue('2025-06-01T04:03:00Z', 'T-02')).toBe('TRAIN01-T-02-2025-000001');
    expect(issue('2026-06-01T04:00:00Z')).toBe('TRAIN01-T-01-2026-000001');
  });

  it('issuing again returns the same serial instead of taking a new one', () => {
    const id = ready();
    const a = issueCertificate(t.db, cipher, id);
    expect(issueCertificate(t.db, cipher, id)).toEqual(a);
    expect(t.db.prepare('SELECT last FROM serial_counter').pluck().get()).toBe(1);
  });

  it('a document builder that throws rolls back the serial too', () => {
    const id = ready();
    expect(() =>
      issueCertificate(t.db, cipher, id, {
        document: () => {
          throw new Error('render failed');
        },
      }),
    ).toThrow('render failed');
    expect(getCase(t.db, cipher, id).state).toBe('open');
    expect(issueCertificate(t.db, cipher, id).serial).toMatch(/-000001$/);
  });

  it('blocks issuing a case with failed checks until a supervisor overrides with a reason', () => {
    const id = ready([passed, failed]);
    expect(getCase(t.db, cipher, id).eligible).toBe(false);
    expect(errCode(() => issueCertificate(t.db, cipher, id))).toBe('CASE_NOT_ELIGIBLE');
    expect(errCode(() => recordOverride(t.db, id, 'sup-1', '  '))).toBe('CASE_INPUT_INVALID');
    recordOverride(t.db, id, 'sup-1', '产权证明纸质件已核验', d('2025-11-20T02:01:00Z'));
    expect(getCase(t.db, cipher, id).override).toEqual({
      by: 'sup-1',
      reason: '产权证明纸质件已核验',
      at: '2025-11-20T02:01:00.000Z',
    });
    expect(issueCertificate(t.db, cipher, id).serial).toBeTruthy();
  });

  it('re-recording checks or changing the item drops an earlier override', () => {
    const id = ready([failed]);
    recordOverride(t.db, id, 'sup-1', 'paper title seen');
    recordChecks(t.db, cipher, id, { licensesUsed: [], checks: [failed] });
    expect(getCase(t.db, cipher, id).override).toBeUndefined();
    chooseItem(t.db, id, 'household-verification');
    const c = getCase(t.db, cipher, id);
    expect([c.itemCode, c.checks, c.eligible, c.times.checkedAt]).toEqual([
      'household-verification',
      [],
      undefined,
      undefined,
    ]);
    expect(errCode(() => issueCertificate(t.db, cipher, id))).toBe('CASE_NOT_READY');
  });

  it('refuses illegal transitions with CASE_ILLEGAL_TRANSITION', () => {
    const id = ready();
    expect(errCode(() => markJobAccepted(t.db, id, 'j', 'p'))).toBe('CASE_ILLEGAL_TRANSITION');
    expect(errCode(() => markCompleted(t.db, id))).toBe('CASE_ILLEGAL_TRANSITION');
    expect(errCode(() => recordReprint(t.db, id, 'k', 'lost'))).toBe('CASE_ILLEGAL_TRANSITION');
    issueCertificate(t.db, cipher, id);
    expect(errCode(() => chooseItem(t.db, id, 'senior-card'))).toBe('CASE_ILLEGAL_TRANSITION');
    expect(errCode(() => recordChecks(t.db, cipher, id, { licensesUsed: [], checks: [passed] }))).toBe(
      'CASE_ILLEGAL_TRANSITION',
    );
    expect(errCode(() => markCompleted(t.db, id))).toBe('CASE_NOT_PRINTED');
    voidCase(t.db, id, 'sup', 'applicant left');
    expect(errCode(() => voidCase(t.db, id, 'sup', 'again'))).toBe('CASE_ILLEGAL_TRANSITION');
    expect(errCode(() => issueCertificate(t.db, cipher, id))).toBe('CASE_ILLEGAL_TRANSITION');
    expect(errCode(() => getCase(t.db, cipher, 'no-such-case'))).toBe('CASE_NOT_FOUND');
    expect(errCode(() => recordChecks(t.db, cipher, open(), { licensesUsed: [], checks: [passed] }))).toBe(
      'CASE_NOT_READY',
    );
  });

  it('records reprints with the same serial, and voids with who and why', () => {
    const id = ready();
    const { serial } = issueCertificate(t.db, cipher, id);
    markJobAccepted(t.db, id, 'Counter-1', 'Counter');
    markCompleted(t.db, id);
    expect(errCode(() => recordReprint(t.db, id, 'clerk-1', ''))).toBe('CASE_INPUT_INVALID');
    expect(
      recordReprint(t.db, id, 'clerk-1', '原件遗失', {
        at: d('2025-12-01T01:00:00Z'),
        jobId: 'Counter-9',
        printer: 'Counter',
      }),
    ).toEqual({ serial });
    expect(errCode(() => voidCase(t.db, id, 'sup', ' '))).toBe('CASE_INPUT_INVALID');
    voidCase(t.db, id, 'sup', '申请人信息有误', d('2025-12-02T01:00:00Z'));
    const c = getCase(t.db, cipher, id);
    expect(c.reprints).toEqual([
      {
        serial,
        at: '2025-12-01T01:00:00.000Z',
        by: 'clerk-1',
        reason: '原件遗失',
        printJobId: 'Counter-9',
        printer: 'Counter',
      },
    ]);
    expect(c.voided).toEqual({ reason: '申请人信息有误', by: 'sup', at: '2025-12-02T01:00:00.000Z' });
    expect(c.serial).toBe(serial);
  });

  it('validates the opening input: manual entry needs a reason, ids must fit the serial format', () => {
    expect(errCode(() => open({ source: 'manual' }))).toBe('CASE_INPUT_INVALID');
    expect(getCase(t.db, cipher, open({ source: 'manual', manualReason: '芯片损坏' })).manualReason).toBe('芯片损坏');
    expect(
      errCode(() =>
        open({
          source: 'manual',
          manualReason: '芯片损坏',
          person: { name: SPOUSE.name, idNumber: '110903197005203349' },
        }),
      ),
    ).toBe('CASE_INPUT_INVALID');
    expect(
      open({
        source: 'manual',
        manualReason: '芯片损坏',
        person: { name: 'J. Smith', idNumber: 'USA110079010101', cardKind: 'foreign_2017' },
      }),
    ).toBeTruthy();
    expect(errCode(() => open({ hallId: 'HALL-1' }))).toBe('CASE_INPUT_INVALID');
    expect(errCode(() => open({ counterId: 'counter number eleven' }))).toBe('CASE_INPUT_INVALID');
    expect(errCode(() => open({ person: { name: '', idNumber: '1' } }))).toBe('CASE_INPUT_INVALID');
  });

  it('lists interrupted prints, with the job when the spooler had taken it', () => {
    const a = ready();
    issueCertificate(t.db, cipher, a, { at: d('2025-11-20T02:00:00Z') });
    const b = ready();
    issueCertificate(t.db, cipher, b, { at: d('2025-11-20T02:05:00Z') });
    markJobAccepted(t.db, b, 'Counter-3', 'Counter', d('2025-11-20T02:05:01Z'));
    const c = ready();
    issueCertificate(t.db, cipher, c);
    markJobAccepted(t.db, c, 'Counter-4', 'Counter');
    markCompleted(t.db, c);
    ready(); // open cases have no serial: nothing to finish
    const list = listInterrupted(t.db);
    expect(list.map((x) => x.caseId)).toEqual([a, b]);
    expect(list[0]).toEqual({
      caseId: a,
      serial: 'TRAIN01-T-01-2025-000001',
      itemCode: 'clean-energy-check',
      hallId: 'TRAIN01',
      counterId: 'T-01',
      clerkId: 'clerk-1',
      generatedAt: '2025-11-20T02:00:00.000Z',
    });
    expect(list[1]).toMatchObject({ printJobId: 'Counter-3', printer: 'Counter' });
    expect(listInterrupted(t.db, { counterId: 'T-09' })).toEqual([]);
  });

  it("records a send under way before the job goes out, until the spooler's job id is stored", () => {
    const a = ready();
    expect(errCode(() => markSendStarted(t.db, a, 'Counter'))).toBe('CASE_ILLEGAL_TRANSITION'); // nothing issued yet
    issueCertificate(t.db, cipher, a);
    markSendStarted(t.db, a, 'Counter', d('2025-11-20T02:10:00Z'));
    // A restart now cannot tell "never sent" from "sent, answer lost": it is told to ask the spooler.
    expect(listInterrupted(t.db)[0]).toMatchObject({
      caseId: a,
      sendStartedAt: '2025-11-20T02:10:00.000Z',
      sendPrinter: 'Counter',
    });
    expect(listInterrupted(t.db)[0]!.printJobId).toBeUndefined();
    markJobAccepted(t.db, a, '17', 'Counter');
    expect(listInterrupted(t.db)[0]!.sendStartedAt).toBeUndefined();
    expect(printState(t.db, a)).toEqual({ state: 'accepted', serial: listInterrupted(t.db)[0]!.serial });
    // A retry records a new send over the old job id: the restart must look for the new one, not follow the old.
    markSendStarted(t.db, a, 'Other');
    expect(listInterrupted(t.db)[0]).toMatchObject({ printJobId: '17', sendPrinter: 'Other' });
    expect(printState(t.db, a).sendPrinter).toBe('Other');
  });

  it('counts recent items per counter for search ranking, leaving out voided cases', () => {
    const mk = (item: string, counterId = 'T-01', at = '2025-11-20T02:00:00Z') => {
      const id = open({ counterId });
      chooseItem(t.db, id, item, d(at));
      return id;
    };
    mk('senior-card');
    mk('senior-card');
    mk('household-verification');
    mk('household-verification', 'T-02');
    mk('household-verification', 'T-01', '2025-01-01T00:00:00Z');
    voidCase(t.db, mk('senior-card'), 'k', 'mistake');
    expect(recentItemCounts(t.db, 'T-01', d('2025-11-01T00:00:00Z'))).toEqual({
      'senior-card': 2,
      'household-verification': 1,
    });
  });

  it('a different data key cannot read the case and says what to do', () => {
    const id = open();
    expect(errCode(() => getCase(t.db, testCipher(), id))).toBe('CASE_DATA_UNREADABLE');
  });
});
