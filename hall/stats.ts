import type { Pool } from 'pg';

export type StatsBy = 'total' | 'hour' | 'day' | 'window' | 'clerk' | 'item';
export interface StatsQuery {
  from: string;
  to: string;
  by: StatsBy;
  /** A clerk's own view: only their rows. */
  clerkId?: string;
}
export interface StatsRow {
  key: string;
  accepted: number;
  completed: number;
  completionRate: number;
  voided: number;
  pending: number;
  approved: number;
  rejected: number;
  ratedBad: number;
  ratedGood: number;
}

const GROUP: Record<StatsBy, string> = {
  total: "'all'",
  hour: 'CAST(hour AS VARCHAR(2))',
  day: "TO_CHAR(day, 'YYYY-MM-DD')",
  window: 'window_no',
  clerk: 'clerk_id',
  item: 'item_code',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Counts from the hourly aggregates: a day range reads (days × buckets) rows, never the events. */
export async function stats(pool: Pool, q: StatsQuery): Promise<StatsRow[]> {
  if (!DAY.test(q.from) || !DAY.test(q.to) || !(q.by in GROUP)) throw new Error('HALL_BAD_QUERY');
  const g = GROUP[q.by];
  const params: unknown[] = [q.from, q.to];
  let where = 'day BETWEEN $1 AND $2';
  if (q.clerkId) {
    params.push(q.clerkId);
    where += ' AND clerk_id = $3';
  }
  const r = await pool.query(
    `SELECT ${g} AS k, SUM(accepted) AS accepted, SUM(completed) AS completed, SUM(voided) AS voided,
            SUM(submitted) AS submitted, SUM(approved) AS approved, SUM(rejected) AS rejected,
            SUM(rated_bad) AS rated_bad, SUM(rated_good) AS rated_good
       FROM stat_hour WHERE ${where} ${q.by === 'total' ? 'HAVING COUNT(*) > 0' : `GROUP BY ${g} ORDER BY 1`}`,
    params,
  );
  return r.rows.map((x) => {
    const n = (v: unknown) => Number(v ?? 0);
    const accepted = n(x.accepted);
    return {
      key: String(x.k),
      accepted,
      completed: n(x.completed),
      completionRate: accepted ? n(x.completed) / accepted : 0,
      voided: n(x.voided),
      pending: n(x.submitted) - n(x.approved) - n(x.rejected),
      approved: n(x.approved),
      rejected: n(x.rejected),
      ratedBad: n(x.rated_bad),
      ratedGood: n(x.rated_good),
    };
  });
}

export interface HandlingRow {
  itemCode: string;
  cases: number;
  medianMs: number;
  p90Ms: number;
}

/** Card placed → printed or submitted, per item, over the (item, day) index. */
export async function handling(pool: Pool, q: { from: string; to: string; clerkId?: string }): Promise<HandlingRow[]> {
  if (!DAY.test(q.from) || !DAY.test(q.to)) throw new Error('HALL_BAD_QUERY');
  const params: unknown[] = [q.from, q.to];
  let where = 'opened_day BETWEEN $1 AND $2 AND handling_ms IS NOT NULL';
  if (q.clerkId) {
    params.push(q.clerkId);
    where += ' AND clerk_id = $3';
  }
  const r = await pool.query(
    `SELECT item_code, COUNT(*) AS n,
            PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY handling_ms) AS p50,
            PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY handling_ms) AS p90
       FROM cases WHERE ${where} GROUP BY item_code ORDER BY item_code`,
    params,
  );
  return r.rows.map((x) => ({
    itemCode: x.item_code,
    cases: Number(x.n),
    medianMs: Math.round(Number(x.p50)),
    p90Ms: Math.round(Number(x.p90)),
  }));
}
