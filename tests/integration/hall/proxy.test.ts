import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newPairingCode } from '../../../hall/auth';
import { startHall, type HallServer } from '../../../hall/server';
import { hallClient, pairWithHall } from '../../../electron/services/hall/client';
import { hallCaseEvent } from '../../../electron/services/hall/events';
import { outboxPeek } from '../../../electron/services/hall/peek';
import { hallReceiver } from '../../../electron/services/hall/receiver';
import { Outbox } from '../../../electron/services/outbox';
import type { HallCaseEvent } from '../../../protocol/hall-wire';
import { terminalDay } from '../../helpers/hall/events';
import { startFlakyProxy } from '../../helpers/hall/flaky-proxy';
import { startTestPg } from '../../helpers/hall/pg';
import { tempDb } from '../../helpers/outbox/driver';
import { rng, testSeed } from '../../helpers/rng';
import { until } from '../../helpers/until';

// The terminal reaches the hall through a TCP proxy that drops and stalls connections (seeded).
let pgs: Awaited<ReturnType<typeof startTestPg>>;
let hall: HallServer;
beforeAll(async () => {
  pgs = await startTestPg();
  hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
});
afterAll(async () => {
  await hall?.close();
  await pgs?.stop();
});

it('drops and stalls: every event once, in order, no gap', { timeout: 120_000 }, async () => {
  const r = rng(testSeed('hall proxy'));
  const creds = await pairWithHall(hall.url, await newPairingCode(hall.pool), 'T');
  const proxy = await startFlakyProxy({ host: '127.0.0.1', port: Number(new URL(hall.url).port) }, r);
  const client = hallClient({ ...creds, url: proxy.url }, 1000);
  const { db, cipher } = tempDb();
  const outbox = new Outbox({ db, cipher, receivers: {}, backoff: { baseMs: 20, maxMs: 200 } });
  // Three quarters of the run one message per call, the rest in batches, so both paths cross the faults.
  let batch = false;
  const peek = outboxPeek(db, cipher);
  outbox.register(
    'hall',
    hallReceiver(
      () => client,
      (rec, seq, n) => (batch ? peek(rec, seq, n) : []),
    ),
  );
  outbox.start();
  const { events } = terminalDay(r, 'X', 100, Date.parse('2026-12-01T00:00:00+08:00'), ['k1']);
  const count = async () => Number((await hall.pool.query('SELECT COUNT(*) AS n FROM events')).rows[0].n);
  for (let i = 0; i < events.length; i += 10) {
    batch = i >= (events.length * 3) / 4;
    db.transaction(() => {
      for (const e of events.slice(i, i + 10)) outbox.enqueue(db, hallCaseEvent(e.body as HallCaseEvent));
    })();
    await new Promise((res) => setTimeout(res, Math.floor(r() * 200)));
  }
  await until('every event at the hall', async () => (await count()) === events.length, {
    timeoutMs: 90_000,
    stepMs: 100,
  });
  const seqs = (await hall.pool.query('SELECT seq FROM events ORDER BY seq')).rows.map((x) => Number(x.seq));
  expect(seqs).toEqual(events.map((_, i) => i + 1));
  expect(Number((await hall.pool.query('SELECT COUNT(*) AS n FROM sync_gaps')).rows[0].n)).toBe(0);
  console.info(`proxy faults: ${JSON.stringify(proxy.faults)}`);
  // The faults did happen (a proxy that passed everything would prove nothing).
  expect(proxy.faults.dropped + proxy.faults.answerLost + proxy.faults.stalled).toBeGreaterThan(0);
  await outbox.drain(30_000);
  await outbox.stop();
  await proxy.close();
});
