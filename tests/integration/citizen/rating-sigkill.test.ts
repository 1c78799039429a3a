import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostEnv } from '../../helpers/host-case';
import { startHostProcess, type HostProcess } from '../../helpers/host-process';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { until } from '../../helpers/until';

/**
 * A rating survives a SIGKILL between the citizen's tap and the outbox delivery: the platform is
 * down (sandbox fault ratingsDown) when the citizen taps, the host is killed, the platform comes
 * back, a new host on the same data delivers it, once.
 */
let sandbox: TestSandbox;
const hosts: HostProcess[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  env = hostEnv({ sandbox, hall: { id: 'KILL02', name: '评价演练大厅' }, counter: 'K-02' });
}, 60_000);
afterAll(async () => {
  for (const h of hosts) h.proc.kill('SIGKILL');
  await sandbox?.stop();
});

async function boot(): Promise<HostProcess> {
  const h = await startHostProcess(env, { from: 'source' });
  hosts.push(h);
  return h;
}

async function received(): Promise<{
  totals: { received: number; duplicates: number };
  ratings: { rating: { projNo: string } }[];
}> {
  const r = await fetch(new URL('/admin/ratings/received', sandbox.url), {
    headers: { 'x-admin-secret': sandbox.adminSecret },
  });
  return (await r.json()) as never;
}

describe('a rating and SIGKILL', () => {
  it('tapped while the platform is down, host killed, delivered once after the restart', async () => {
    await sandbox.setFaults({ ratingsDown: true });
    const h = await boot();
    expect((await h.call('auth.signIn', { userId: 'demo-clerk', password: 'training-123' })).ok).toBe(true);
    const cards = await h.callOk('training.cards');
    await h.call('training.toggleCard', { id: cards.cards.find((c) => c.name === '张建国')!.id });
    const c = await until('case with licenses', async () => {
      const v = await h.callOk('case.current');
      return v?.card.name === '张建国' && v.registry.state === 'done' ? v : null;
    });
    await h.callOk('case.chooseItem', { caseId: c.caseId, itemCode: 'household-verification' });
    await h.callOk('case.askRating', { caseId: c.caseId });
    const citizenUrl = /Citizen screen: (\S+)/.exec(h.output())![1]!;
    const secret = new URL(citizenUrl).hash.split('secret=')[1]!;
    const tap = await fetch(`${h.origin}/api/citizen.rate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        level: 5,
        sub: { efficiency: 5, competence: 4, attitude: 5 },
        reasons: ['等候时间长'],
        text: '排队一个小时',
      }),
    });
    expect(await tap.json()).toMatchObject({ ok: true });
    h.proc.kill('SIGKILL');
    await new Promise((r) => h.proc.once('exit', r));
    expect((await received()).totals.received).toBe(0);

    await sandbox.setFaults({});
    const h2 = await boot();
    const got = await until(
      'the rating delivered',
      async () => ((await received()).totals.received ? received() : null),
      {
        timeoutMs: 60_000,
        stepMs: 200,
      },
    );
    expect(got.ratings.map((r) => r.rating.projNo)).toEqual([c.caseId]);
    // The outbox marks it delivered; nothing more arrives afterwards.
    await new Promise((r) => setTimeout(r, 2000));
    expect((await received()).totals).toMatchObject({ received: 1, duplicates: 0 });
    expect((await h2.call('auth.signIn', { userId: 'demo-clerk', password: 'training-123' })).ok).toBe(true);
    expect(await h2.callOk('case.ratingState', { caseId: c.caseId })).toEqual({ state: 'rated' });
  }, 120_000);
});
