import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { newPairingCode } from '../../../hall/auth';
import { startEmbedded } from '../../../hall/db/embedded';
import { startHall } from '../../../hall/server';
import { hallClient, pairWithHall } from '../../../electron/services/hall/client';
import { hallCaseEvent } from '../../../electron/services/hall/events';
import { outboxPeek } from '../../../electron/services/hall/peek';
import { hallReceiver } from '../../../electron/services/hall/receiver';
import { Outbox } from '../../../electron/services/outbox';
import type { HallCaseEvent } from '../../../protocol/hall-wire';
import { terminalDay } from '../../helpers/hall/events';
import { tempDb } from '../../helpers/outbox/driver';
import { rng, testSeed } from '../../helpers/rng';
import { until } from '../../helpers/until';

// PostgreSQL stops under a running hall while the terminal keeps working; when it is back (same
// folder, same port) the hall answers again and the queued events arrive once, in order.
it(
  'PostgreSQL stopped for a while: the hall answers 503, the terminal queues, nothing is lost',
  { timeout: 120_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-pgstop-'));
    let pgdb = await startEmbedded(dir);
    const port = Number(new URL(pgdb.url).port);
    const hall = await startHall({ databaseUrl: pgdb.url, dataKey: randomBytes(32) });
    const creds = await pairWithHall(hall.url, await newPairingCode(hall.pool), 'T');
    const client = hallClient(creds, 2000);
    const { db, cipher } = tempDb();
    const outbox = new Outbox({ db, cipher, receivers: {}, backoff: { baseMs: 20, maxMs: 200 } });
    outbox.register(
      'hall',
      hallReceiver(() => client, outboxPeek(db, cipher)),
    );
    outbox.start();
    const { events } = terminalDay(rng(testSeed('hall pg stopped')), 'P', 30, Date.parse('2026-12-01T00:00:00+08:00'), [
      'k1',
    ]);
    const enqueue = (a: number, b: number) =>
      db.transaction(() => {
        for (const e of events.slice(a, b)) outbox.enqueue(db, hallCaseEvent(e.body as HallCaseEvent));
      })();
    const half = Math.floor(events.length / 2);
    enqueue(0, half);
    const count = async () => Number((await hall.pool.query('SELECT COUNT(*) AS n FROM events')).rows[0].n);
    await until('the first half at the hall', async () => (await count()) === half);

    await pgdb.stop();
    enqueue(half, events.length);
    await expect(client.stats({ from: '2026-12-01', to: '2026-12-01', by: 'total' })).rejects.toMatchObject({
      status: 503,
    });
    await new Promise((r) => setTimeout(r, 1000));
    pgdb = await startEmbedded(dir, port);
    await until('every event at the hall', async () => (await count().catch(() => -1)) === events.length, {
      timeoutMs: 30_000,
    });
    const seqs = (await hall.pool.query('SELECT seq FROM events ORDER BY seq')).rows.map((x) => Number(x.seq));
    expect(seqs).toEqual(events.map((_, i) => i + 1));
    await outbox.stop();
    await hall.close();
    await pgdb.stop();
    rmSync(dir, { recursive: true, force: true });
  },
);
