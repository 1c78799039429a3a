import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hallClient, pairWithHall, type HallClient } from '../../../electron/services/hall/client';
import { hallCaseEvent } from '../../../electron/services/hall/events';
import { hallReceiver } from '../../../electron/services/hall/receiver';
import { outboxPeek } from '../../../electron/services/hall/peek';
import { Outbox } from '../../../electron/services/outbox';
import type { HallCaseEvent } from '../../../protocol/hall-wire';
import { terminalDay } from '../../helpers/hall/events';
import { startTestPg } from '../../helpers/hall/pg';
import { sigkill, startHallProcess, type HallProcess } from '../../helpers/hall/process';
import { tempDb } from '../../helpers/outbox/driver';
import { rng, testSeed } from '../../helpers/rng';
import { until } from '../../helpers/until';

// SIGKILL the hall server process at seeded points while a terminal's outbox syncs to it
// (HALL_KILLS, default 30). The hall runs against an external PostgreSQL (DATABASE_URL), as in
// production; afterwards every event is stored once, in order, with no gap.
const KILLS = Number(process.env.HALL_KILLS ?? 30);
let pgs: Awaited<ReturnType<typeof startTestPg>>;
beforeAll(async () => {
  pgs = await startTestPg();
});
afterAll(async () => pgs?.stop());

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });

it(`every event arrives exactly once across ${KILLS} SIGKILLs of the hall`, { timeout: 300_000 }, async () => {
  const r = rng(testSeed('hall kill'));
  const dbUrl = await pgs.freshDb();
  const env = {
    DATABASE_URL: dbUrl,
    HALL_DATA_DIR: mkdtempSync(join(tmpdir(), 'hall-data-')),
    HALL_PORT: String(await freePort()),
  };
  let hall: HallProcess = await startHallProcess(env);
  const creds = await pairWithHall(hall.url, hall.pairingCode, 'T');
  const client: HallClient = hallClient(creds, 1000);
  const { db, cipher } = tempDb();
  const outbox = new Outbox({ db, cipher, receivers: {}, backoff: { baseMs: 20, maxMs: 300 } });
  outbox.register(
    'hall',
    hallReceiver(() => client, outboxPeek(db, cipher)),
  );
  outbox.start();
  const { events } = terminalDay(r, 'K', 60, Date.parse('2026-12-01T00:00:00+08:00'), ['k1', 'k2']);
  const per = Math.ceil(events.length / KILLS);
  for (let i = 0; i < KILLS; i++) {
    db.transaction(() => {
      for (const e of events.slice(i * per, (i + 1) * per)) outbox.enqueue(db, hallCaseEvent(e.body as HallCaseEvent));
    })();
    await new Promise((res) => setTimeout(res, Math.floor(r() * 400)));
    await sigkill(hall);
    hall = await startHallProcess(env);
  }
  db.transaction(() => {
    for (const e of events.slice(KILLS * per)) outbox.enqueue(db, hallCaseEvent(e.body as HallCaseEvent));
  })();
  const pool = new pg.Pool({ connectionString: dbUrl });
  await until(
    'every event at the hall',
    async () => Number((await pool.query('SELECT COUNT(*) AS n FROM events')).rows[0].n) === events.length,
    { timeoutMs: 60_000, stepMs: 100 },
  );
  const rows = (await pool.query('SELECT seq, msg_key FROM events ORDER BY seq')).rows;
  expect(rows.map((x) => Number(x.seq))).toEqual(events.map((_, i) => i + 1));
  expect(Number((await pool.query('SELECT COUNT(*) AS n FROM sync_gaps')).rows[0].n)).toBe(0);
  const accepted = (await pool.query('SELECT SUM(accepted) AS n FROM stat_hour')).rows[0].n;
  expect(Number(accepted)).toBe(60);
  await outbox.stop();
  await pool.end();
  await sigkill(hall);
});
