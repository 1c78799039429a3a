import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPairingCode } from '../../../hall/auth';
import { startEmbedded } from '../../../hall/db/embedded';
import { startHall } from '../../../hall/server';
import { hallClient, pairWithHall, type HallClient } from '../../../electron/services/hall/client';
import { HALL_RECEIVER, hallCaseEvent } from '../../../electron/services/hall/events';
import { hallReceiver } from '../../../electron/services/hall/receiver';
import { Outbox } from '../../../electron/services/outbox';
import type { HallCaseEvent } from '../../../protocol/hall-wire';
import { openDatabase } from '../../../electron/services/db/open';
import { bundle } from '../../helpers/hall/bundle';
import { terminalDay } from '../../helpers/hall/events';
import { startFlakyProxy } from '../../helpers/hall/flaky-proxy';
import { startTestPg, testPool } from '../../helpers/hall/pg';
import { sigkill, startHallProcess, type HallProcess } from '../../helpers/hall/process';
import { tempDb } from '../../helpers/outbox/driver';
import { rng, testSeed } from '../../helpers/rng';
import { until } from '../../helpers/until';

// The hall sync under faults, with real parts: the terminal's SQLite outbox and hall receiver, a
// hall server on a real PostgreSQL. SIGKILL of the hall process (HALL_KILLS, default 30), SIGKILL
// of the terminal process (TERMINAL_KILLS, default 30), a TCP proxy that drops and stalls, and
// PostgreSQL stopped under the hall. After each: every event at the hall exactly once, in seq
// order, no gap recorded, and the terminal's enqueueing never failed. One seed for the suite
// (TEST_SEED replays it); one PostgreSQL for the file, stopped and started again by the last test.
const HALL_KILLS = Number(process.env.HALL_KILLS ?? 30);
const TERMINAL_KILLS = Number(process.env.TERMINAL_KILLS ?? 30);
const DAY_START = Date.parse('2026-12-01T00:00:00+08:00');
const seed = testSeed('hall faults');
let pgs: Awaited<ReturnType<typeof startTestPg>>;
let hallBundle: string;
let terminalBundle: string;
beforeAll(async () => {
  [pgs, hallBundle, terminalBundle] = await Promise.all([
    startTestPg(),
    bundle('hall/cli.ts'),
    bundle('tests/helpers/hall/terminal-child.ts'),
  ]);
});
let restartedPg: Awaited<ReturnType<typeof startEmbedded>> | undefined;
// Every process a test starts, so a failing test leaves none running.
const children = new Set<ChildProcess>();
const track = <T extends { proc: ChildProcess }>(p: T): T => (children.add(p.proc), p);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const f of [hallBundle, terminalBundle]) if (f) rmSync(f, { force: true });
  await restartedPg?.stop().catch(() => undefined);
  await pgs?.stop();
});

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The hall's copy of one terminal's log must be 1…n, each key the terminal's, with no gap recorded. */
async function expectExactlyOnce(pool: pg.Pool, terminalId: string, keys: string[]): Promise<void> {
  const rows = (
    await pool.query('SELECT seq, msg_key FROM events WHERE terminal_id = $1 ORDER BY seq', [terminalId])
  ).rows.map((x) => [Number(x.seq), x.msg_key]);
  expect(rows, `seed ${seed}`).toEqual(keys.map((k, i) => [i + 1, k]));
  expect(
    Number((await pool.query('SELECT COUNT(*) AS n FROM sync_gaps WHERE terminal_id = $1', [terminalId])).rows[0].n),
  ).toBe(0);
}
const heldBy = async (pool: pg.Pool, terminalId: string) =>
  Number((await pool.query('SELECT COUNT(*) AS n FROM events WHERE terminal_id = $1', [terminalId])).rows[0].n);

describe('hall sync under faults', () => {
  it(`SIGKILL of the hall server at ${HALL_KILLS} points during sync`, { timeout: 120_000 }, async () => {
    const r = rng(seed);
    const dbUrl = await pgs.freshDb();
    const env = {
      DATABASE_URL: dbUrl,
      HALL_DATA_DIR: mkdtempSync(join(tmpdir(), 'hall-data-')),
      HALL_PORT: String(await freePort()),
    };
    let hall: HallProcess = track(await startHallProcess(env, 30_000, hallBundle));
    const creds = await pairWithHall(hall.url, hall.pairingCode, 'T');
    const direct: HallClient = hallClient(creds, 1000);
    // Counts calls on the wire, to tell where each kill landed.
    let onWire = 0;
    const client: HallClient = {
      ...direct,
      sendEvents: async (ev) => {
        onWire++;
        try {
          return await direct.sendEvents(ev);
        } finally {
          onWire--;
        }
      },
    };
    const landed = { onWire: 0, owed: 0, idle: 0 };
    const { db, cipher } = tempDb();
    const outbox = new Outbox({ db, cipher, receivers: {}, backoff: { baseMs: 20, maxMs: 200 } });
    outbox.register(
      'hall',
      hallReceiver(() => client),
    );
    outbox.start();
    const { events } = terminalDay(r, 'H', 100, DAY_START, ['k1', 'k2']);
    const keys: string[] = [];
    let next = 0;
    const enqueueSome = (n: number) =>
      db.transaction(() => {
        for (const e of events.slice(next, next + n)) {
          const m = hallCaseEvent(e.body as HallCaseEvent);
          outbox.enqueue(db, m);
          keys.push(m.key);
        }
        next = Math.min(events.length, next + n);
      })();
    const per = Math.ceil(events.length / HALL_KILLS);
    for (let i = 0; i < HALL_KILLS; i++) {
      // Some events queue while it is up, some while it is down; the kill lands anywhere in sync.
      enqueueSome(Math.floor(per / 2));
      // Mostly while a call is on the wire (the hall mid-transaction or answering), else anywhere.
      if (r() < 0.7) await until('a call on the wire', () => onWire > 0, { timeoutMs: 1000, stepMs: 2 }).catch(() => 0);
      await sleep(Math.floor(r() * (onWire > 0 ? 30 : 150)));
      const owed = db.prepare("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").pluck().get() as number;
      landed[onWire > 0 ? 'onWire' : owed > 0 ? 'owed' : 'idle'] += 1;
      await sigkill(hall);
      enqueueSome(per - Math.floor(per / 2));
      hall = await startHallProcess(env, 30_000, hallBundle).then(track, (e: unknown) => {
        throw new Error(`restart ${i}: ${(e as Error).message}`);
      });
    }
    enqueueSome(events.length);
    const pool = testPool(dbUrl);
    await until('every event at the hall', async () => (await heldBy(pool, creds.terminalId)) === events.length, {
      timeoutMs: 60_000,
      stepMs: 100,
    });
    await expectExactlyOnce(pool, creds.terminalId, keys);
    console.info(`hall kills: ${JSON.stringify(landed)} (on the wire / events owed, none in flight / nothing owed)`);
    expect(landed.onWire, `seed ${seed}`).toBeGreaterThanOrEqual(HALL_KILLS / 3);
    const accepted = (await pool.query('SELECT SUM(accepted) AS n FROM stat_day WHERE dim = $1', ['t'])).rows[0].n;
    expect(Number(accepted)).toBe(100);
    await outbox.stop();
    await pool.end();
    await sigkill(hall);
  });

  it(
    `SIGKILL of the terminal process at ${TERMINAL_KILLS} points while it enqueues and syncs`,
    { timeout: 120_000 },
    async () => {
      const r = rng(seed + 1);
      const hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
      const creds = await pairWithHall(hall.url, await newPairingCode(hall.pool), 'T');
      const dbFile = join(mkdtempSync(join(tmpdir(), 'hall-term-')), 'counter.db');
      const CASES = 150;
      const env = {
        ...process.env,
        TERM_DB: dbFile,
        TERM_KEY: randomBytes(32).toString('hex'),
        HALL_URL: hall.url,
        HALL_TERMINAL: creds.terminalId,
        HALL_SECRET: creds.secret,
        TERM_SEED: String(seed),
        TERM_CASES: String(CASES),
      };
      const start = () => {
        const proc = spawn(process.execPath, [terminalBundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        proc.stdout.on('data', (b: Buffer) => (out += b.toString()));
        proc.stderr.on('data', (b: Buffer) => (out += b.toString()));
        children.add(proc);
        return { proc, out: () => out };
      };
      const kill = (p: ChildProcess) =>
        new Promise<void>((res) => {
          if (p.exitCode !== null || p.signalCode !== null) return res();
          p.once('exit', () => res());
          p.kill('SIGKILL');
        });
      const queued: number[] = [];
      for (let i = 0; i < TERMINAL_KILLS; i++) {
        const t = start();
        await until(`terminal start ${i}`, () => /terminal ready (\d+)/.test(t.out()), {
          timeoutMs: 20_000,
          stepMs: 10,
        });
        queued.push(Number(/terminal ready (\d+)/.exec(t.out())![1]));
        await sleep(10 + Math.floor(r() * 150));
        await kill(t.proc);
        expect(t.out(), `seed ${seed}`).not.toContain('ENQUEUE FAILED');
      }
      const last = start();
      await until('the terminal enqueued its day', () => last.out().includes('enqueued all'), { timeoutMs: 30_000 });
      const db = openDatabase(dbFile, { readonly: true });
      const keys = db
        .prepare('SELECT key FROM outbox WHERE receiver = ? ORDER BY seq')
        .pluck()
        .all(HALL_RECEIVER) as string[];
      db.close();
      await until('every event at the hall', async () => (await heldBy(hall.pool, creds.terminalId)) === keys.length, {
        timeoutMs: 30_000,
        stepMs: 100,
      });
      await kill(last.proc);
      expect(last.out()).not.toContain('ENQUEUE FAILED');
      // The kills landed while it was enqueueing: the queue grew across restarts, and it is the whole day.
      expect(new Set(queued).size, `queued at each start: ${queued.join(',')}`).toBeGreaterThanOrEqual(
        TERMINAL_KILLS / 2,
      );
      const { events } = terminalDay(rng(seed), 'K', CASES, DAY_START, ['k1', 'k2']);
      expect(keys).toEqual(events.map((e) => hallCaseEvent(e.body as HallCaseEvent).key));
      await expectExactlyOnce(hall.pool, creds.terminalId, keys);
      await hall.close();
    },
  );

  it('a TCP proxy that drops and stalls connections', { timeout: 120_000 }, async () => {
    const r = rng(seed + 2);
    const hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
    const creds = await pairWithHall(hall.url, await newPairingCode(hall.pool), 'T');
    const proxy = await startFlakyProxy({ host: '127.0.0.1', port: Number(new URL(hall.url).port) }, r);
    const client = hallClient({ ...creds, url: proxy.url }, 1000);
    const { db, cipher } = tempDb();
    const outbox = new Outbox({ db, cipher, receivers: {}, backoff: { baseMs: 20, maxMs: 200 } });
    // Short runs (4), so the faults meet many calls, both single events and runs.
    outbox.register('hall', { ...hallReceiver(() => client), batch: 4 });
    outbox.start();
    const { events } = terminalDay(r, 'X', 120, DAY_START, ['k1']);
    const keys = events.map((e) => hallCaseEvent(e.body as HallCaseEvent).key);
    for (let i = 0; i < events.length;) {
      // Sometimes one event, sometimes a burst (delivered as a run).
      const n = r() < 0.5 ? 1 : 1 + Math.floor(r() * 40);
      db.transaction(() => {
        for (const e of events.slice(i, i + n)) outbox.enqueue(db, hallCaseEvent(e.body as HallCaseEvent));
      })();
      i += n;
      await sleep(Math.floor(r() * 100));
    }
    await until('every event at the hall', async () => (await heldBy(hall.pool, creds.terminalId)) === events.length, {
      timeoutMs: 60_000,
      stepMs: 100,
    });
    await expectExactlyOnce(hall.pool, creds.terminalId, keys);
    console.info(`proxy faults: ${JSON.stringify(proxy.faults)}`);
    // The faults did happen (a proxy that passed everything would prove nothing).
    expect(proxy.faults.dropped).toBeGreaterThan(0);
    expect(proxy.faults.answerLost).toBeGreaterThan(0);
    expect(proxy.faults.stalled).toBeGreaterThan(0);
    expect(await outbox.drain(30_000)).toBe(true);
    await outbox.stop();
    await proxy.close();
    await hall.close();
  });

  it(
    'PostgreSQL stopped for a while: the hall answers 503, the terminal queues, nothing is lost',
    { timeout: 120_000 },
    async () => {
      const r = rng(seed + 3);
      const hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
      const creds = await pairWithHall(hall.url, await newPairingCode(hall.pool), 'T');
      const client = hallClient(creds, 2000);
      const { db, cipher } = tempDb();
      const outbox = new Outbox({ db, cipher, receivers: {}, backoff: { baseMs: 20, maxMs: 200 } });
      outbox.register(
        'hall',
        hallReceiver(() => client),
      );
      outbox.start();
      const { events } = terminalDay(r, 'P', 40, DAY_START, ['k1']);
      const keys = events.map((e) => hallCaseEvent(e.body as HallCaseEvent).key);
      const enqueue = (a: number, b: number) =>
        db.transaction(() => {
          for (const e of events.slice(a, b)) outbox.enqueue(db, hallCaseEvent(e.body as HallCaseEvent));
        })();
      const third = Math.floor(events.length / 3);
      enqueue(0, third);
      await until('the first third at the hall', async () => (await heldBy(hall.pool, creds.terminalId)) === third);

      const port = Number(new URL(pgs.db.url).port);
      await pgs.db.stop();
      // The terminal goes on working: events queue while the database is away.
      for (let i = third; i < events.length; i += 5) {
        enqueue(i, Math.min(events.length, i + 5));
        await sleep(Math.floor(r() * 60));
      }
      await expect(client.stats({ from: '2026-12-01', to: '2026-12-01', by: 'total' })).rejects.toMatchObject({
        status: 503,
      });
      await sleep(500 + Math.floor(r() * 1000));
      restartedPg = await startEmbedded(pgs.root, port);
      await until(
        'every event at the hall',
        async () => (await heldBy(hall.pool, creds.terminalId).catch(() => -1)) === events.length,
        { timeoutMs: 30_000 },
      );
      await expectExactlyOnce(hall.pool, creds.terminalId, keys);
      await outbox.stop();
      await hall.close();
    },
  );
});
