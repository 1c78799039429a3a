import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../electron/services/audit';
import { until } from '../../helpers/until';
import { placeAndWait, removeCard } from '../../helpers/flow-steps';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { startWeb, type WebFixture } from '../../helpers/web';

/** F8 -> the citizen rates on their screen -> stored, chained, queued, delivered once; bad ones listed. */
let sandbox: TestSandbox;
let w: WebFixture;
const asCitizen = async (op: string, body: unknown = {}) =>
  JSON.parse((await w.api(op, body, { Authorization: `Bearer ${w.host.citizenSecret}` })).text) as {
    ok: boolean;
    value?: Record<string, unknown>;
    error?: { code: string };
  };

beforeAll(async () => {
  process.env.COUNTER_RATING_TIMEOUT_MS = '1500';
  sandbox = await startTestSandbox();
  w = await startWeb({ boot: { registry: sandbox } });
  await w.addAccount('sup1', ['supervisor']);
});
afterAll(async () => {
  delete process.env.COUNTER_RATING_TIMEOUT_MS;
  await w?.close();
  await sandbox?.stop();
});

/** A clerk or supervisor call that must succeed; its value. */
async function value(op: Parameters<WebFixture['call']>[0], body: unknown): Promise<unknown> {
  const r = await w.callAny(op, body);
  if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function received(): Promise<{
  totals: { received: number; duplicates: number };
  ratings: { rating: Record<string, unknown> }[];
}> {
  const r = await fetch(new URL('/admin/ratings/received', sandbox.url), {
    headers: { 'x-admin-secret': sandbox.adminSecret },
  });
  return (await r.json()) as never;
}

describe('好差评 rating', () => {
  it('a 非常不满意 with a reason: recorded, the clerk sees only "rated", delivered once, listed with its deadline', async () => {
    await w.signInAs('demo-clerk', 'training-123');
    const c = await placeAndWait(w.core, '张建国');
    expect(
      await asCitizen('citizen.rate', { level: 2, sub: { efficiency: 2, competence: 2, attitude: 2 } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'RATING_NOT_ASKED' },
    });
    expect(await value('case.askRating', { caseId: c.caseId })).toMatchObject({ until: expect.any(String) });
    expect((await asCitizen('citizen.view')).value).toMatchObject({ state: 'rating' });
    const noReason = await asCitizen('citizen.rate', { level: 5, sub: { efficiency: 5, competence: 4, attitude: 5 } });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'RATING_REASON_REQUIRED' } });
    const ok = await asCitizen('citizen.rate', {
      level: 5,
      sub: { efficiency: 5, competence: 4, attitude: 5 },
      reasons: ['等候时间长'],
      text: '排队一个小时',
    });
    expect(ok).toMatchObject({ ok: true });
    expect(await value('case.ratingState', { caseId: c.caseId })).toEqual({ state: 'rated' });
    expect(
      await asCitizen('citizen.rate', { level: 1, sub: { efficiency: 1, competence: 1, attitude: 1 } }),
    ).toMatchObject({
      error: { code: 'RATING_NOT_ASKED' },
    });
    await until('one rating at the platform', async () => (await received()).totals.received === 1);
    const got = await received();
    expect(got.ratings).toHaveLength(1);
    expect(got.ratings[0]!.rating).toMatchObject({
      projNo: c.caseId,
      evaluateChannel: 'PJQ',
      evaluateLevel: 5,
      badReasons: ['等候时间长'],
      evaluatedPersonInfo: { loginName: expect.any(String), name: expect.any(String) },
    });
    expect(JSON.stringify(got.ratings[0]!.rating)).not.toContain('张建国');
    expect(verifyChain(w.core.db).ok).toBe(true);
    const entry = w.core.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'rating' AND case_id = ?")
      .get(c.caseId) as { detail: string };
    const row = w.core.db.prepare('SELECT record_hash FROM ratings WHERE case_id = ?').get(c.caseId) as {
      record_hash: string;
    };
    expect(JSON.parse(entry.detail)).toEqual({ recordHash: row.record_hash });

    await w.signInAs('sup1');
    const list = (await value('ratings.bad', {})) as {
      ratings: { id: number; caseId: string; deadline: string; overdue: boolean }[];
      byClerk: unknown[];
    };
    expect(list.ratings).toHaveLength(1);
    expect(list.ratings[0]).toMatchObject({
      caseId: c.caseId,
      deadline: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      overdue: false,
    });
    expect(list.byClerk).toHaveLength(1);
    const id = list.ratings[0]!.id;
    await value('ratings.followUp', { ratingId: id, kind: 'verify', note: '已核实，等候过长' });
    // Every bad rating is called back before it is closed (Sichuan's rule).
    const early = await w.callAny('ratings.followUp', { ratingId: id, kind: 'close', note: '已整改' });
    expect(early.ok || early.error.code).toBe('RATING_CALLBACK_FIRST');
    await value('ratings.followUp', { ratingId: id, kind: 'callback', note: '电话回访，群众认可' });
    expect(await value('ratings.followUp', { ratingId: id, kind: 'close', note: '已回访并整改' })).toMatchObject({
      closed: true,
    });
    expect((await w.callAny('ratings.followUp', { ratingId: id, kind: 'callback', note: '再次' })).ok).toBe(false);
  });

  it('no tap before the timeout: recorded as not rated, no score', async () => {
    await w.signInAs('demo-clerk', 'training-123');
    await removeCard(w.core);
    const c = await placeAndWait(w.core, '李秀英');
    await value('case.askRating', { caseId: c.caseId });
    await until(
      'not rated after the timeout',
      async () => ((await value('case.ratingState', { caseId: c.caseId })) as { state: string }).state === 'not-rated',
    );
    const row = w.core.db.prepare('SELECT level, bad FROM ratings WHERE case_id = ?').get(c.caseId);
    expect(row).toEqual({ level: null, bad: 0 });
    await until('the not-rated record at the platform', async () => (await received()).totals.received === 2);
  });

  it('the next F8 before the tap records the previous case as not rated, never drops it', async () => {
    await w.signInAs('demo-clerk', 'training-123');
    await removeCard(w.core);
    const a = await placeAndWait(w.core, '王建军');
    await value('case.askRating', { caseId: a.caseId });
    await value('case.close', { caseId: a.caseId });
    await removeCard(w.core);
    const b = await placeAndWait(w.core, '张建国');
    await value('case.askRating', { caseId: b.caseId });
    expect(await value('case.ratingState', { caseId: a.caseId })).toEqual({ state: 'not-rated' });
    expect(await value('case.ratingState', { caseId: b.caseId })).toEqual({ state: 'asked' });
  });
});
