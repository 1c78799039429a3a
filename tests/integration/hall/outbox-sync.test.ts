import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newPairingCode } from '../../../hall/auth';
import { startHall, type HallServer } from '../../../hall/server';
import { hallClient, pairWithHall, type HallClient } from '../../../electron/services/hall/client';
import { hallAuditHead, hallCaseEvent } from '../../../electron/services/hall/events';
import { hallReceiver } from '../../../electron/services/hall/receiver';
import { Outbox } from '../../../electron/services/outbox';
import type { HallCaseEvent } from '../../../protocol/hall-wire';
import { startTestPg } from '../../helpers/hall/pg';
import { tempDb } from '../../helpers/outbox/driver';
import { terminalDay } from '../../helpers/hall/events';
import { rng, testSeed } from '../../helpers/rng';
import { until } from '../../helpers/until';

// The terminal's real outbox (SQLite) delivering to the hall through the ordered `hall` receiver.
let pgs: Awaited<ReturnType<typeof startTestPg>>;
let dbUrl: string;
const dataKey = randomBytes(32);
beforeAll(async () => {
  pgs = await startTestPg();
  dbUrl = await pgs.freshDb();
});
afterAll(async () => pgs?.stop());

it('queues while unpaired and while the hall is down; afterwards every event is there once, in order', async () => {
  let hall: HallServer = await startHall({ databaseUrl: dbUrl, dataKey });
  const { db, cipher } = tempDb();
  let client: HallClient | null = null;
  const outbox = new Outbox({ db, cipher, receivers: {}, backoff: { baseMs: 20, maxMs: 200 } });
  outbox.register(
    'hall',
    hallReceiver(() => client),
  );
  outbox.start();
  const r = rng(testSeed('hall outbox sync'));
  const { events } = terminalDay(r, 'T', 30, Date.parse('2026-12-01T00:00:00+08:00'), ['k1']);
  const enqueue = (from: number, to: number) =>
    db.transaction(() => {
      for (const e of events.slice(from, to)) outbox.enqueue(db, hallCaseEvent(e.body as HallCaseEvent));
    })();

  enqueue(0, 20); // the terminal works before it is paired
  const creds = await pairWithHall(hall.url, await newPairingCode(hall.pool), 'T');
  client = hallClient(creds, 2000);
  const count = async () =>
    Number(
      (await hall.pool.query('SELECT COUNT(*) AS n FROM events WHERE terminal_id = $1', [creds.terminalId])).rows[0].n,
    );
  await until('the first 20 events at the hall', async () => (await count()) === 20);

  // The hall goes away; the terminal keeps queueing; the hall comes back on the same database (at a new port).
  await hall.close();
  enqueue(20, events.length);
  outbox.enqueue(db, hallAuditHead({ at: Date.now(), head: 'f'.repeat(64), count: 7 }));
  hall = await startHall({ databaseUrl: dbUrl, dataKey });
  client = hallClient({ ...creds, url: hall.url }, 2000);
  await until('every event at the hall', async () => (await count()) === events.length + 1, { timeoutMs: 30_000 });

  const rows = (
    await hall.pool.query('SELECT seq, kind FROM events WHERE terminal_id = $1 ORDER BY seq', [creds.terminalId])
  ).rows;
  expect(rows.map((x) => Number(x.seq))).toEqual(rows.map((_, i) => i + 1));
  expect(rows.at(-1)!.kind).toBe('audit-head');
  expect(
    (await hall.pool.query('SELECT audit_head_seq FROM terminals WHERE id = $1', [creds.terminalId])).rows[0]
      .audit_head_seq,
  ).toBe('7');
  expect(Number((await hall.pool.query('SELECT COUNT(*) AS n FROM sync_gaps')).rows[0].n)).toBe(0);
  await outbox.stop();
  await hall.close();
});
