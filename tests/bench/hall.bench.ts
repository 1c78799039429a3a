import { randomBytes } from 'node:crypto';
import { newPairingCode } from '../../hall/auth';
import { startHall } from '../../hall/server';
import { handling, stats } from '../../hall/stats';
import { hallClient, pairWithHall } from '../../electron/services/hall/client';
import { hallCaseEvent } from '../../electron/services/hall/events';
import { HALL_BATCH, hallReceiver } from '../../electron/services/hall/receiver';
import { Outbox } from '../../electron/services/outbox';
import type { HallCaseEvent } from '../../protocol/hall-wire';
import { districtYear } from '../helpers/hall/dataset';
import { terminalDay } from '../helpers/hall/events';
import { rng } from '../helpers/rng';
import { tempDb } from '../helpers/outbox/driver';
import type { BenchGroup } from './types';

// The district year by default: 1,000,000 cases, 10,000,000 events, generated once (a few
// minutes) and cached under .data/bench/ for later runs. HALL_BENCH_CASES=100000 for a quick look.
const CASES = Number(process.env.HALL_BENCH_CASES ?? 1_000_000);
// A terminal's day offline: ~300 cases × 10 events.
const OFFLINE = Number(process.env.HALL_BENCH_OFFLINE ?? 3000);
const pct = (s: number[], p: number) =>
  [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
const log = (s: string) => console.error(s);

export const groups: BenchGroup[] = [
  {
    names: ['hall.stats_ms_p95', 'hall.sync_lag_ms_p95', 'hall.catchup_events_per_s'],
    async run() {
      const data = await districtYear(CASES, log);
      const hall = await startHall({ databaseUrl: data.url, dataKey: randomBytes(32) });
      try {
        // Every screen of the issue, hall-wide over a month, and a clerk's own day.
        const screens: Record<string, () => Promise<unknown>> = {
          'counts today': () => stats(hall.pool, { from: '2026-06-15', to: '2026-06-15', by: 'total' }),
          'counts month': () => stats(hall.pool, { from: '2026-06-01', to: '2026-06-30', by: 'total' }),
          'per hour today': () => stats(hall.pool, { from: '2026-06-15', to: '2026-06-15', by: 'hour' }),
          'per day, a month': () => stats(hall.pool, { from: '2026-06-01', to: '2026-06-30', by: 'day' }),
          'per day, the year': () => stats(hall.pool, { from: '2026-01-01', to: '2026-12-31', by: 'day' }),
          'per window, a month': () => stats(hall.pool, { from: '2026-06-01', to: '2026-06-30', by: 'window' }),
          'per clerk, a month': () => stats(hall.pool, { from: '2026-06-01', to: '2026-06-30', by: 'clerk' }),
          'per item (and ratings), a month': () =>
            stats(hall.pool, { from: '2026-06-01', to: '2026-06-30', by: 'item' }),
          'handling p50/p90, a month': () => handling(hall.pool, { from: '2026-06-01', to: '2026-06-30' }),
          'handling p50/p90, the year': () => handling(hall.pool, { from: '2026-01-01', to: '2026-12-31' }),
          'a clerk today': () =>
            stats(hall.pool, { from: '2026-06-15', to: '2026-06-15', by: 'item', clerkId: 'k7-1' }),
          'a clerk handling today': () =>
            handling(hall.pool, { from: '2026-06-15', to: '2026-06-15', clerkId: 'k7-1' }),
        };
        const times: number[] = [];
        const worst = new Map<string, number>();
        for (const s of Object.values(screens)) await s(); // warm the cache once, as a running hall is
        for (let round = 0; round < 10; round++)
          for (const [name, s] of Object.entries(screens)) {
            const t = performance.now();
            await s();
            const d = performance.now() - t;
            times.push(d);
            worst.set(name, Math.max(worst.get(name) ?? 0, d));
          }
        const slowest = [...worst]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`)
          .join(', ');

        // Through the terminal's real outbox: online lag, then a day offline caught up.
        const creds = await pairWithHall(hall.url, await newPairingCode(hall.pool), 'bench');
        const client = hallClient(creds);
        const { db, cipher } = tempDb();
        const outbox = new Outbox({ db, cipher, receivers: {}, backoff: { baseMs: 20, maxMs: 200 } });
        let online = true;
        outbox.register(
          'hall',
          hallReceiver(() => (online ? client : null)),
        );
        outbox.start();
        const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
        const run = randomBytes(4).toString('hex');
        const ev = (i: number) =>
          hallCaseEvent({
            type: 'opened',
            caseId: `b${run}-${i}`,
            at: Date.now(),
            clerkId: `kb${run}`,
            window: 'WB',
            itemCode: 'ITEMB',
          });
        const lags: number[] = [];
        for (let i = 0; i < 50; i++) {
          const t = performance.now();
          outbox.enqueue(db, ev(i));
          for (;;) {
            const [row] = await stats(hall.pool, { from: today, to: today, by: 'clerk', clerkId: `kb${run}` });
            if (row && row.accepted === i + 1) break;
            await new Promise((r) => setTimeout(r, 5));
          }
          lags.push(performance.now() - t);
        }
        // Three days offline, each caught up at the next connection; the median is the figure.
        const rates: number[] = [];
        let events = 0;
        for (let round = 0; round < 3; round++) {
          online = false;
          // A terminal's day of cases (opened, checked, then printed, submitted and decided, or
          // voided; half rated), about OFFLINE events in all.
          const day = terminalDay(
            rng(round + 1),
            `B${run}d${round}`,
            Math.round(OFFLINE / 4.6),
            Date.now() - 12 * 3600_000,
            [`kb${run}`, `kc${run}`],
          ).events;
          events = day.length;
          db.transaction(() => {
            for (const e of day) outbox.enqueue(db, hallCaseEvent(e.body as HallCaseEvent));
          })();
          const c0 = performance.now();
          online = true;
          outbox.kick();
          if (!(await outbox.drain(300_000))) throw new Error('catch-up did not finish in 5 min');
          rates.push(day.length / ((performance.now() - c0) / 1000));
        }
        const perS = [...rates].sort((x, y) => x - y)[1]!;
        await outbox.stop();
        db.close();
        return [
          {
            name: 'hall.stats_ms_p95',
            value: Number(pct(times, 95).toFixed(1)),
            unit: 'ms',
            note: `${CASES} cases, ${CASES * 10} events (${data.built ? 'generated now' : 'cached'}, built in ${data.buildS.toFixed(0)} s); ${Object.keys(screens).length} screens × 10, slowest: ${slowest}`,
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
            note: `median of 3 days offline (${rates.map((x) => Math.round(x)).join(', ')}), each ~${events} events of a terminal's day queued offline, through the outbox (runs of up to ${HALL_BATCH} per call, one SQLite commit per run) into the ${CASES}-case hall`,
          },
        ];
      } finally {
        await hall.close();
        await data.db.stop();
      }
    },
  },
];
