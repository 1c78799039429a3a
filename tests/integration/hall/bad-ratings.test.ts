import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { badRatingCounts } from '../../../hall/bad-ratings';
import { migrate } from '../../../hall/db/migrate';
import { ingest } from '../../../hall/sync';
import type { HallCaseEvent, HallEventEnvelope } from '../../../protocol/hall-wire';
import { startTestPg, testPool } from '../../helpers/hall/pg';

// Bad ratings open and overdue hall-wide: each terminal sends its ratings (with the deadline it
// computed in working days) and the follow-ups by step; the hall counts them over every terminal.
let pgs: Awaited<ReturnType<typeof startTestPg>>;
let pool: pg.Pool;
beforeAll(async () => {
  pgs = await startTestPg();
  pool = testPool(await pgs.freshDb(), 4);
  await migrate(pool);
});
afterAll(async () => {
  await pool?.end();
  await pgs?.stop();
});

const AT = Date.parse('2026-12-01T02:00:00Z');
function caseEvents(caseId: string, clerkId: string, extra: Partial<HallCaseEvent>[]): HallCaseEvent[] {
  const base = { caseId, clerkId, window: 'W1', itemCode: 'I1' };
  return [
    { ...base, type: 'opened', at: AT },
    { ...base, type: 'printed', at: AT + 60_000 },
    ...extra.map((e, i) => ({ ...base, type: 'rated' as const, at: AT + 120_000 + i, ...e })),
  ];
}
const envelopes = (evs: HallCaseEvent[], from = 1): HallEventEnvelope[] =>
  evs.map((body, i) => ({ seq: from + i, key: `k.${body.caseId}.${body.type}.${body.at}`, body }));

it('counts open and overdue bad ratings over every terminal, a clerk their own; closes by the close step', async () => {
  for (const t of ['A', 'B']) await pool.query("INSERT INTO terminals (id, name, secret) VALUES ($1, $1, 'x')", [t]);
  const a = [
    // Overdue on 2026-12-20: due the 15th, still open after 核实 and 回访.
    ...caseEvents('a1', 'k1', [
      { rating: 1, deadline: '2026-12-15' },
      { type: 'followed-up', followUp: 'verify' },
      { type: 'followed-up', followUp: 'callback' },
    ]),
    // Closed: not counted.
    ...caseEvents('a2', 'k1', [
      { rating: 2, deadline: '2026-12-15' },
      { type: 'followed-up', followUp: 'callback' },
      { type: 'followed-up', followUp: 'close' },
    ]),
    // Good rating: not a bad one.
    ...caseEvents('a3', 'k1', [{ rating: 4 }]),
  ];
  const b = [
    ...caseEvents('b1', 'k2', [{ rating: 1, deadline: '2026-12-31' }]),
    // No deadline from the terminal: 21 days after the rating (2026-12-22).
    ...caseEvents('b2', 'k2', [{ rating: 2 }]),
  ];
  // A in one batch; B in two, the second redelivered (duplicates change nothing).
  await ingest(pool, 'A', envelopes(a), 480);
  const eb = envelopes(b);
  await ingest(pool, 'B', eb.slice(0, 4), 480);
  await ingest(pool, 'B', eb.slice(2), 480);
  await ingest(pool, 'B', eb.slice(2), 480);

  expect(await badRatingCounts(pool, { today: '2026-12-10' })).toEqual({ open: 3, overdue: 0 });
  expect(await badRatingCounts(pool, { today: '2026-12-20' })).toEqual({ open: 3, overdue: 1 });
  expect(await badRatingCounts(pool, { today: '2026-12-23' })).toEqual({ open: 3, overdue: 2 });
  expect(await badRatingCounts(pool, { today: '2026-12-20', clerkId: 'k2' })).toEqual({ open: 2, overdue: 0 });
  const rows = await pool.query(
    "SELECT terminal_id, case_id, TO_CHAR(deadline, 'YYYY-MM-DD') AS d, followups, last_step, closed_ms IS NOT NULL AS closed FROM bad_ratings ORDER BY 1, 2",
  );
  expect(rows.rows.map((r) => [r.terminal_id, r.case_id, r.d, r.followups, r.last_step, r.closed])).toEqual([
    ['A', 'a1', '2026-12-15', 2, 'callback', false],
    ['A', 'a2', '2026-12-15', 2, 'close', true],
    ['B', 'b1', '2026-12-31', 0, null, false],
    ['B', 'b2', '2026-12-22', 0, null, false],
  ]);

  // The late close of a1 arrives: open drops hall-wide.
  const close: HallCaseEvent = {
    type: 'followed-up',
    followUp: 'close',
    caseId: 'a1',
    clerkId: 'k1',
    window: 'W1',
    itemCode: 'I1',
    at: AT + 9e6,
  };
  await ingest(pool, 'A', envelopes([close], a.length + 1), 480);
  expect(await badRatingCounts(pool, { today: '2026-12-20' })).toEqual({ open: 2, overdue: 0 });
  // A follow-up step the hall does not know is refused as a bad event, nothing stored.
  const bad = { ...close, followUp: 'shred' } as unknown as HallCaseEvent;
  await expect(ingest(pool, 'A', envelopes([bad], a.length + 2), 480)).rejects.toMatchObject({
    code: 'HALL_BAD_EVENT',
  });
  const held = await pool.query("SELECT COUNT(*) AS n FROM events WHERE kind = 'followed-up'");
  expect(Number(held.rows[0].n)).toBe(5);
});
