import type { Pool } from 'pg';
import type { HallStatsRow } from '../protocol/hall-wire';
import { quantile } from './histogram';
import { splitRange } from './range';

export type StatsBy = 'total' | 'hour' | 'day' | 'window' | 'clerk' | 'item';
export interface StatsQuery {
  from: string;
  to: string;
  by: StatsBy;
  /** A clerk's own view: only their rows. */
  clerkId?: string;
}
/** The wire row, with the five grades always counted (the hall has PG 004). */
export type StatsRow = HallStatsRow & { ratings: NonNullable<HallStatsRow['ratings']> };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SUMS = `SUM(accepted) AS accepted, SUM(completed) AS completed, SUM(voided) AS voided, SUM(submitted) AS submitted,
  SUM(approved) AS approved, SUM(rejected) AS rejected, SUM(rated_1) AS r1, SUM(rated_2) AS r2, SUM(rated_3) AS r3,
  SUM(rated_4) AS r4, SUM(rated_5) AS r5`;

/**
 * Hall-wide screens read `stat_month` for the whole months of the range and `stat_day` for the days
 * at its ends ((dimension, period, key) rows: ~(months + days) × keys), never cases or events.
 */
const DAY_VIEW: Record<StatsBy, { dim: string; order: string }> = {
  total: { dim: 't', order: '' },
  hour: { dim: 'h', order: 'ORDER BY CAST(k AS INTEGER)' },
  day: { dim: 't', order: '' },
  window: { dim: 'w', order: 'ORDER BY 1' },
  clerk: { dim: 'c', order: 'ORDER BY 1' },
  item: { dim: 'i', order: 'ORDER BY 1' },
};
const COUNTER_COLS =
  'accepted, completed, voided, submitted, approved, rejected, rated_1, rated_2, rated_3, rated_4, rated_5';
/** A clerk's own view (today, by scope) reads their `stat_hour` rows through the (clerk_id, day) index. */
const HOUR_VIEW: Record<StatsBy, { key: string; order: string }> = {
  total: { key: "'all'", order: '' },
  hour: { key: 'CAST(hour AS VARCHAR(2))', order: 'ORDER BY MIN(hour)' },
  day: { key: "TO_CHAR(day, 'YYYY-MM-DD')", order: 'ORDER BY 1' },
  window: { key: 'window_no', order: 'ORDER BY 1' },
  clerk: { key: 'clerk_id', order: 'ORDER BY 1' },
  item: { key: 'item_code', order: 'ORDER BY 1' },
};

function checkRange(from: string, to: string): void {
  if (!DAY.test(from) || !DAY.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)))
    throw new Error('HALL_BAD_QUERY');
}

export async function stats(pool: Pool, q: StatsQuery): Promise<StatsRow[]> {
  checkRange(q.from, q.to);
  if (!Object.prototype.hasOwnProperty.call(DAY_VIEW, q.by)) throw new Error('HALL_BAD_QUERY');
  const total = q.by === 'total';
  let sql: string;
  let params: unknown[];
  if (q.clerkId) {
    const v = HOUR_VIEW[q.by];
    sql = `SELECT ${v.key} AS k, ${SUMS} FROM stat_hour WHERE clerk_id = $3 AND day BETWEEN $1 AND $2
           ${total ? 'HAVING COUNT(*) > 0' : `GROUP BY ${v.key} ${v.order}`}`;
    params = [q.from, q.to, q.clerkId];
  } else if (q.by === 'day') {
    sql = `SELECT TO_CHAR(day, 'YYYY-MM-DD') AS k, ${SUMS} FROM stat_day WHERE dim = 't' AND day BETWEEN $1 AND $2
           GROUP BY day ORDER BY day`;
    params = [q.from, q.to];
  } else {
    // Whole months from stat_month, the days at the ends from stat_day.
    const v = DAY_VIEW[q.by];
    const { days, months } = splitRange(q.from, q.to);
    params = [v.dim];
    const parts: string[] = [];
    for (const [a, b] of days) {
      params.push(a, b);
      parts.push(
        `SELECT k, ${COUNTER_COLS} FROM stat_day WHERE dim = $1 AND day BETWEEN $${params.length - 1} AND $${params.length}`,
      );
    }
    if (months) {
      params.push(months[0], months[1]);
      parts.push(
        `SELECT k, ${COUNTER_COLS} FROM stat_month WHERE dim = $1 AND month BETWEEN $${params.length - 1} AND $${params.length}`,
      );
    }
    if (!parts.length) return [];
    const key = total ? "'all'" : 'k';
    sql = `SELECT ${key} AS k, ${SUMS} FROM (${parts.join(' UNION ALL ')}) x
           ${total ? 'HAVING COUNT(*) > 0' : `GROUP BY k ${v.order}`}`;
  }
  const r = await pool.query(sql, params);
  return r.rows.map((x) => {
    const n = (v: unknown) => Number(v ?? 0);
    const accepted = n(x.accepted);
    const ratings = [n(x.r1), n(x.r2), n(x.r3), n(x.r4), n(x.r5)] as StatsRow['ratings'];
    return {
      key: String(x.k),
      accepted,
      completed: n(x.completed),
      completionRate: accepted ? n(x.completed) / accepted : 0,
      voided: n(x.voided),
      pending: n(x.submitted) - n(x.approved) - n(x.rejected),
      approved: n(x.approved),
      rejected: n(x.rejected),
      ratedBad: ratings[0] + ratings[1],
      ratedGood: ratings[2] + ratings[3] + ratings[4],
      ratings,
    };
  });
}

export interface HandlingRow {
  itemCode: string;
  cases: number;
  medianMs: number;
  p90Ms: number;
}

/**
 * Card placed → printed or submitted, per item. Hall-wide: from the per-month and per-day histograms (within 10 %
 * of the exact value, see histogram.ts). A clerk's own view (a day's few cases, by the (clerk_id,
 * opened_day) index): exact, over their cases.
 */
export async function handling(pool: Pool, q: { from: string; to: string; clerkId?: string }): Promise<HandlingRow[]> {
  checkRange(q.from, q.to);
  if (q.clerkId) {
    const r = await pool.query(
      `SELECT item_code, COUNT(*) AS n,
              PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY handling_ms) AS p50,
              PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY handling_ms) AS p90
         FROM cases WHERE clerk_id = $3 AND opened_day BETWEEN $1 AND $2 AND handling_ms IS NOT NULL
        GROUP BY item_code ORDER BY item_code`,
      [q.from, q.to, q.clerkId],
    );
    return r.rows.map((x) => ({
      itemCode: x.item_code,
      cases: Number(x.n),
      medianMs: Math.round(Number(x.p50)),
      p90Ms: Math.round(Number(x.p90)),
    }));
  }
  const { days, months } = splitRange(q.from, q.to);
  const params: string[] = [];
  const parts: string[] = [];
  for (const [a, b] of days) {
    params.push(a, b);
    parts.push(
      `SELECT item_code, bucket, n FROM stat_day_handling WHERE day BETWEEN $${params.length - 1} AND $${params.length}`,
    );
  }
  if (months) {
    params.push(months[0], months[1]);
    parts.push(
      `SELECT item_code, bucket, n FROM stat_month_handling WHERE month BETWEEN $${params.length - 1} AND $${params.length}`,
    );
  }
  if (!parts.length) return [];
  const r = await pool.query<{ item_code: string; bucket: number; n: string }>(
    `SELECT item_code, bucket, SUM(n) AS n FROM (${parts.join(' UNION ALL ')}) x GROUP BY item_code, bucket`,
    params,
  );
  const per = new Map<string, Map<number, number>>();
  for (const x of r.rows) {
    let h = per.get(x.item_code);
    if (!h) per.set(x.item_code, (h = new Map()));
    h.set(Number(x.bucket), Number(x.n));
  }
  return [...per]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([itemCode, h]) => ({
      itemCode,
      cases: [...h.values()].reduce((s, n) => s + n, 0),
      medianMs: Math.round(quantile(h, 0.5)),
      p90Ms: Math.round(quantile(h, 0.9)),
    }));
}
