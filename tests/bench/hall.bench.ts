import { randomBytes } from 'node:crypto';
import { newPairingCode } from '../../hall/auth';
import { generateYear } from '../../hall/generate';
import { startHall } from '../../hall/server';
import { handling, stats } from '../../hall/stats';
import { hallClient, pairWithHall } from '../../electron/services/hall/client';
import { hallCaseEvent } from '../../electron/services/hall/events';
import { hallReceiver } from '../../electron/services/hall/receiver';
import { outboxPeek } from '../../electron/services/hall/peek';
import { Outbox } from '../../electron/services/outbox';
import { startTestPg } from '../helpers/hall/pg';
import { tempDb } from '../helpers/outbox/driver';
import type { BenchGroup } from './types';

// Default 100,000 cases (1M events) so a bench run stays minutes on a shared machine;
// HALL_BENCH_CASES=1000000 is the district year.
const CASES = Number(process.env.HALL_BENCH_CASES ?? 100_000);
const pct = (s: number[], p: number) =>
  [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;

export const groups: BenchGroup[] = [
  {
    names: ['hall.stats_ms_p95', 'hall.sync_lag_ms_p95', 'hall.catchup_events_per_s'],
    async run() {
      const pgs = await startTestPg();
      const hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
      try {
        const g0 = performance.now();
        await generateYear(hall.pool, CASES);
        const genS = (performance.now() - g0) / 1000;
        const screens: Array<() => Promise<unknown>> = [
          () => stats(hall.pool, { from: '2026-06-15', to: '2026-06-15', by: 'total' }),
          () => stats(hall.pool, { from: '2026-06-15', to: '2026-06-15', by: 'hour' }),
          () => stats(hall.pool, { from: '2026-06-01', to: '2026-06-30', by: 'day' }),
          () => stats(hall.pool, { from: '2026-06-01', to: '2026-06-30', by: 'window' }),
          () => stats(hall.pool, { from: '2026-06-01', to: '2026-06-30', by: 'clerk' }),
          () => stats(hall.pool, { from: '2026-06-01', to: '2026-06-30', by: 'item' }),
          () => stats(hall.pool, { from: '2026-06-15', to: '2026-06-15', by: 'clerk', clerkId: 'k7-1' }),
          () => handling(hall.pool, { from: '2026-06-01', to: '2026-06-30' }),
        ];
        const times: number[] = [];
        let worst = 0;
        for (let round = 0; round < 10; round++)
          for (const s of screens) {
            const t = performance.now();
            await s();
            const d = performance.now() - t;
            times.push(d);
            worst = Math.max(worst, d);
          }

        // Through the terminal's real outbox: online lag, then a day offline caught up.
        const creds = await pairWithHall(hall.url, await newPairingCode(hall.pool), 'bench');
        const client = hallClient(creds);
        const { db, cipher } = tempDb();
        const outbox = new Outbox({ db, cipher, receivers: {}, backoff: { baseMs: 20, maxMs: 200 } });
        let online = true;
        outbox.register(
          'hall',
          hallReceiver(() => (online ? client : null), outboxPeek(db, cipher)),
        );
        outbox.start();
        const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
        const ev = (i: number) =>
          hallCaseEvent({
            type: 'opened',
            caseId: `b${i}`,
            at: Date.now(),
            clerkId: 'kb',
            window: 'WB',
            itemCode: 'ITEMB',
          });
        const lags: number[] = [];
        for (let i = 0; i < 50; i++) {
          const t = performance.now();
          outbox.enqueue(db, ev(i));
          for (;;) {
            const [row] = await stats(hall.pool, { from: today, to: today, by: 'clerk', clerkId: 'kb' });
            if (row && row.accepted === i + 1) break;
            await new Promise((r) => setTimeout(r, 5));
          }
          lags.push(performance.now() - t);
        }
        online = false;
        const OFF = 3000;
        db.transaction(() => {
          for (let i = 0; i < OFF; i++) outbox.enqueue(db, ev(1000 + i));
        })();
        const c0 = performance.now();
        online = true;
        await outbox.drain(300_000);
        const perS = OFF / ((performance.now() - c0) / 1000);
        await outbox.stop();
        db.close();
        // The hall's own capacity: the same catch-up as batches of 250 per signed call.
        const direct = hallClient(await pairWithHall(hall.url, await newPairingCode(hall.pool), 'bench-batch'));
        const batch = Array.from({ length: OFF }, (_, i) => {
          const m = ev(9000 + i);
          return { seq: i + 1, key: m.key, body: m.payload as Parameters<typeof hallCaseEvent>[0] };
        });
        const b0 = performance.now();
        for (let i = 0; i < OFF; i += 250) await direct.sendEvents(batch.slice(i, i + 250));
        const batchPerS = OFF / ((performance.now() - b0) / 1000);
        return [
          {
            name: 'hall.stats_ms_p95',
            value: Number(pct(times, 95).toFixed(1)),
            unit: 'ms',
            note: `${CASES} cases, ${CASES * 10} events (generated in ${genS.toFixed(0)} s); 8 screens × 10, worst ${worst.toFixed(0)} ms`,
          },
          {
            name: 'hall.sync_lag_ms_p95',
            value: Number(pct(lags, 95).toFixed(1)),
            unit: 'ms',
            note: 'outbox enqueue → visible in the clerk stats, loopback',
          },
          {
            name: 'hall.catchup_events_per_s',
            value: Math.round(perS),
            unit: 'events/s',
            note: `${OFF} queued offline, through the outbox, queued messages sent in batches of 250 (one SQLite commit per message); the hall API in batches of 250: ${Math.round(batchPerS)} events/s`,
          },
        ];
      } finally {
        await hall.close();
        await pgs.stop();
      }
    },
  },
];
