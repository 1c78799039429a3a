import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../../hall/db/migrate';
import { handling, stats, type StatsBy } from '../../../hall/stats';
import { ingest } from '../../../hall/sync';
import type { HallEventEnvelope } from '../../../protocol/hall-wire';
import { terminalDay } from '../../helpers/hall/events';
import { startTestPg, testPool } from '../../helpers/hall/pg';
import { rng, testSeed } from '../../helpers/rng';

// The aggregates against the rows they summarise: several terminals ingest days on both sides of
// month ends, all at once (so shared day and month rows are created concurrently), in random
// batches; every screen over random ranges must equal the same figure counted from `cases`.
let pgs: Awaited<ReturnType<typeof startTestPg>>;
let pool: pg.Pool;
beforeAll(async () => {
  pgs = await startTestPg();
  pool = testPool(await pgs.freshDb(), 6);
  await migrate(pool);
});
afterAll(async () => {
  await pool?.end();
  await pgs?.stop();
});

const DAYS = ['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-14', '2026-02-28', '2026-03-01', '2026-03-31'];
const BY: StatsBy[] = ['total', 'hour', 'day', 'window', 'clerk', 'item'];
const KEY: Record<StatsBy, string> = {
  total: "'all'",
  hour: 'CAST(MOD((opened_ms + 28800000) / 3600000, 24) AS VARCHAR(2))',
  day: "TO_CHAR(opened_day, 'YYYY-MM-DD')",
  window: 'window_no',
  clerk: 'clerk_id',
  item: 'item_code',
};

it('every screen equals the count over cases, for random ranges (seeded)', { timeout: 120_000 }, async () => {
  const r = rng(testSeed('hall stats'));
  const terminals = ['A', 'B', 'C', 'D'];
  for (const t of terminals) await pool.query("INSERT INTO terminals (id, name, secret) VALUES ($1, $1, 'x')", [t]);
  await Promise.all(
    terminals.map(async (t) => {
      const events: HallEventEnvelope[] = [];
      for (const day of DAYS) {
        const d = terminalDay(r, `${t}${day}`, 15, Date.parse(`${day}T00:00:00+08:00`), [`${t}-k1`, 'shared-k']);
        for (const e of d.events) events.push({ ...e, seq: events.length + 1, key: `${day}.${e.key}` });
      }
      for (let i = 0; i < events.length;) {
        const n = 1 + Math.floor(r() * 60);
        await ingest(pool, t, events.slice(i, i + n), 480);
        i += n;
      }
    }),
  );
  const ranges: [string, string][] = [
    ['2026-01-01', '2026-12-31'],
    ['2026-02-01', '2026-02-28'],
    ['2026-01-31', '2026-03-01'],
    ['2026-02-14', '2026-02-14'],
  ];
  for (let i = 0; i < 6; i++) {
    const a = Math.floor(r() * DAYS.length);
    const b = a + Math.floor(r() * (DAYS.length - a));
    ranges.push([DAYS[a]!, DAYS[b]!]);
  }
  for (const [from, to] of ranges)
    for (const by of BY) {
      const want = (
        await pool.query(
          `SELECT ${KEY[by]} AS k, COUNT(*) AS accepted, SUM(completed) AS completed, SUM(voided) AS voided,
                  ${[1, 2, 3, 4, 5].map((g) => `SUM(CASE WHEN rating = ${g} THEN 1 ELSE 0 END) AS r${g}`).join(', ')}
             FROM cases WHERE opened_day BETWEEN $1 AND $2 GROUP BY 1`,
          [from, to],
        )
      ).rows.map((x) => ({
        key: String(x.k),
        accepted: Number(x.accepted),
        completed: Number(x.completed),
        voided: Number(x.voided),
        ratings: [x.r1, x.r2, x.r3, x.r4, x.r5].map(Number),
      }));
      const got = (await stats(pool, { from, to, by })).map((x) => ({
        key: x.key,
        accepted: x.accepted,
        completed: x.completed,
        voided: x.voided,
        ratings: x.ratings,
      }));
      const sort = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);
      expect(got.sort(sort), `${by} ${from}..${to}`).toEqual(want.sort(sort));
    }
  // Handling time: the histogram's median and p90 against the exact ones.
  const exact = (
    await pool.query(
      `SELECT item_code, COUNT(*) AS n, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY handling_ms) AS p50,
              PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY handling_ms) AS p90
         FROM cases WHERE handling_ms IS NOT NULL GROUP BY item_code ORDER BY item_code`,
    )
  ).rows;
  const h = await handling(pool, { from: '2026-01-01', to: '2026-12-31' });
  expect(h.map((x) => [x.itemCode, x.cases])).toEqual(exact.map((x) => [x.item_code, Number(x.n)]));
  h.forEach((x, i) => {
    expect(Math.abs(x.medianMs - exact[i]!.p50) / exact[i]!.p50, `${x.itemCode} median`).toBeLessThan(0.15);
    expect(Math.abs(x.p90Ms - exact[i]!.p90) / exact[i]!.p90, `${x.itemCode} p90`).toBeLessThan(0.15);
  });
  // Month rows are the sums of their day rows.
  const drift = await pool.query(
    `SELECT m.dim, m.month, m.k FROM stat_month m
      WHERE m.accepted <> (SELECT COALESCE(SUM(d.accepted), 0) FROM stat_day d
                            WHERE d.dim = m.dim AND d.k = m.k AND TO_CHAR(d.day, 'YYYY-MM') = TO_CHAR(m.month, 'YYYY-MM'))`,
  );
  expect(drift.rows).toEqual([]);
});
