import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../../../protocol/request-auth';
import { HALL_PATH } from '../../../protocol/hall-wire';
import { newPairingCode, revoke } from '../../../hall/auth';
import { startHall, type HallServer } from '../../../hall/server';
import { hallClient, pairWithHall, HallCallError, type HallCredentials } from '../../../electron/services/hall/client';
import { startTestPg } from '../../helpers/hall/pg';
import { terminalDay, type CaseTally } from '../../helpers/hall/events';
import { rng, testSeed } from '../../helpers/rng';

// Three terminals' days against one hall server on a real (embedded) PostgreSQL, over loopback HTTP.
let pgs: Awaited<ReturnType<typeof startTestPg>>;
let hall: HallServer;
const DAY = '2026-12-01';
const DAY_START = Date.parse(`${DAY}T00:00:00+08:00`);

beforeAll(async () => {
  pgs = await startTestPg();
  hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
});
afterAll(async () => {
  await hall?.close();
  await pgs?.stop();
});

async function pairNew(name: string): Promise<HallCredentials> {
  return pairWithHall(hall.url, await newPairingCode(hall.pool), name);
}
const refusals = async (reason: string) =>
  Number((await hall.pool.query('SELECT COUNT(*) AS n FROM auth_refusals WHERE reason = $1', [reason])).rows[0].n);

describe('pairing and signed calls', () => {
  it('a code pairs once; unknown, revoked and replayed calls get 401 and are logged', async () => {
    const code = await newPairingCode(hall.pool);
    const creds = await pairWithHall(hall.url, code, 'window 1');
    await expect(pairWithHall(hall.url, code, 'again')).rejects.toMatchObject({ status: 401 });
    await expect(pairWithHall(hall.url, '12345678', 'guess')).rejects.toMatchObject({ status: 401 });
    expect(await refusals('bad-pairing-code')).toBe(2);

    const c = hallClient(creds);
    expect((await c.stats({ from: DAY, to: DAY, by: 'total' })).rows).toEqual([]);

    const stranger = hallClient({ ...creds, terminalId: 't-unknown' });
    await expect(stranger.stats({ from: DAY, to: DAY, by: 'total' })).rejects.toMatchObject({
      status: 401,
      params: { reason: 'unknown-terminal' },
    });
    const forged = hallClient({ ...creds, secret: 'f'.repeat(64) });
    await expect(forged.stats({ from: DAY, to: DAY, by: 'total' })).rejects.toMatchObject({
      status: 401,
      params: { reason: 'bad-signature' },
    });

    // Replay: the very same signed request twice.
    const path = `${HALL_PATH.stats}?from=${DAY}&to=${DAY}&by=total`;
    const headers = signedHeaders({
      appKey: creds.terminalId,
      appSecret: creds.secret,
      method: 'GET',
      pathAndQuery: path,
    });
    expect((await fetch(hall.url + path, { headers })).status).toBe(200);
    const again = await fetch(hall.url + path, { headers });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ params: { reason: 'replayed' } });
    // A stale timestamp.
    const old = signedHeaders({
      appKey: creds.terminalId,
      appSecret: creds.secret,
      method: 'GET',
      pathAndQuery: path,
      now: Date.now() - 3_600_000,
    });
    expect((await fetch(hall.url + path, { headers: old })).status).toBe(401);

    expect(await revoke(hall.pool, creds.terminalId)).toBe(true);
    await expect(c.stats({ from: DAY, to: DAY, by: 'total' })).rejects.toBeInstanceOf(HallCallError);
    for (const reason of ['unknown-terminal', 'bad-signature', 'replayed', 'clock-skew', 'revoked'])
      expect(await refusals(reason), reason).toBe(1);
  });
});

describe('sync and statistics', () => {
  it('three terminals: every event once and in order despite duplicates; hall counts = sum of the terminals', async () => {
    const r = rng(testSeed('hall sync'));
    const sum: CaseTally = { accepted: 0, completed: 0, voided: 0, submitted: 0, approved: 0, rejected: 0 };
    let total = 0;
    const terminals = await Promise.all(['A', 'B', 'C'].map(async (t) => ({ t, creds: await pairNew(`window ${t}`) })));
    await Promise.all(
      terminals.map(async ({ t, creds }) => {
        const { events, tally } = terminalDay(r, t, 40, DAY_START, [`clerk-${t}1`, `clerk-${t}2`]);
        for (const k of Object.keys(sum) as (keyof CaseTally)[]) sum[k] += tally[k];
        total += events.length;
        const c = hallClient(creds);
        // Batches of random size; each sent twice sometimes (a lost answer), and resent from a bit back.
        for (let i = 0; i < events.length;) {
          const n = 1 + Math.floor(r() * 7);
          const from = Math.max(0, i - Math.floor(r() * 3));
          const res = await c.sendEvents(events.slice(from, i + n));
          if (r() < 0.3) expect((await c.sendEvents(events.slice(from, i + n))).accepted).toBe(0);
          i = Math.min(events.length, i + n);
          expect(res.lastSeq).toBe(i);
        }
        // A jump is a gap: refused and recorded, nothing stored past it.
        const gap = { ...events[0]!, seq: events.length + 5, key: 'gap' };
        await expect(c.sendEvents([gap])).rejects.toMatchObject({ status: 409, code: 'HALL_SEQ_GAP' });
        // The same seq with another key is a conflict, not a silent overwrite.
        await expect(c.sendEvents([{ ...events[0]!, key: 'other' }])).rejects.toMatchObject({
          status: 409,
          code: 'HALL_KEY_CONFLICT',
        });
      }),
    );
    const ev = await hall.pool.query(
      'SELECT terminal_id, COUNT(*) AS n, MAX(seq) AS m FROM events GROUP BY terminal_id',
    );
    expect(ev.rows.reduce((a, x) => a + Number(x.n), 0)).toBe(total);
    for (const x of ev.rows) expect(x.n).toBe(x.m);
    expect(Number((await hall.pool.query('SELECT COUNT(*) AS n FROM sync_gaps')).rows[0].n)).toBe(3);

    const c = hallClient(terminals[0]!.creds);
    const [tot] = (await c.stats({ from: DAY, to: DAY, by: 'total' })).rows as Record<string, number>[];
    expect(tot).toMatchObject({
      accepted: sum.accepted,
      completed: sum.completed,
      voided: sum.voided,
      approved: sum.approved,
      rejected: sum.rejected,
      pending: sum.submitted - sum.approved - sum.rejected,
    });
    expect(tot!.completionRate).toBeCloseTo(sum.completed / sum.accepted);
    for (const by of ['hour', 'window', 'clerk', 'item', 'day']) {
      const rows = (await c.stats({ from: DAY, to: DAY, by })).rows as Record<string, number>[];
      expect(
        rows.reduce((a, x) => a + x.accepted!, 0),
        by,
      ).toBe(sum.accepted);
    }
    const mine = (await c.stats({ from: DAY, to: DAY, by: 'clerk', clerk: 'clerk-A1' })).rows as { key: string }[];
    expect(mine.map((x) => x.key)).toEqual(['clerk-A1']);
    const h = (await c.stats({ from: DAY, to: DAY, by: 'handling' })).rows as { medianMs: number; p90Ms: number }[];
    expect(h.length).toBeGreaterThan(0);
    for (const x of h) expect(x.p90Ms).toBeGreaterThanOrEqual(x.medianMs);
  });
});

describe('shared data pool', () => {
  it('reads across terminals are audited', async () => {
    const a = hallClient(await pairNew('A'));
    const b = hallClient(await pairNew('B'));
    const idNumber = '11010519491231002X';
    const name = '张三丰测试';
    const personHash = 'ab'.repeat(32); // the terminal's keyed hash of the ID number
    await a.poolPut({
      personHash,
      caseId: 'A-c1',
      itemCode: 'ITEM1',
      values: { name, idNumber, address: '测试路1号' },
    });
    const got = await b.poolRead({
      personHash,
      caseId: 'B-c9',
      clerkId: 'clerk-B1',
      itemCode: 'ITEM2',
      fields: ['name', 'address', 'phone'],
    });
    expect(got.values.name!.value).toBe(name);
    expect(got.values.address!.value).toBe('测试路1号');
    expect(got.values.phone).toBeUndefined();
    const reads = (await b.poolReads(0)).rows as Record<string, string>[];
    expect(reads[0]).toMatchObject({
      clerk_id: 'clerk-B1',
      case_id: 'B-c9',
      item_code: 'ITEM2',
      person_hash: personHash,
    });

    // The byte scan of the PostgreSQL files after a whole session: personal-data.test.ts.
  });
});
