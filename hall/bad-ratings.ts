import { escapeLiteral, type Pool, type PoolClient } from 'pg';
import type { BadRatingCounts, HallCaseEvent } from '../protocol/hall-wire';
import { dayHour } from './aggregates';

const DAY_MS = 86_400_000;
/** A terminal that sent no deadline (an older one): about 15 working days, as the backfill (006). */
const FALLBACK_DAYS = 21;

interface Open {
  caseId: string;
  itemCode: string;
  clerkId: string;
  windowNo: string;
  ratedMs: number;
  deadline: string;
}
interface Step {
  n: number;
  last: string;
  closedMs: number | null;
}

/**
 * The bad-rating changes of one ingest batch (hall/sync.ts): new bad ratings first, then their
 * follow-ups, so a rating and its close in one batch land in that order. Written in the batch's
 * transaction, after its case rows; exactly once because the batch's events are.
 */
export class BadRatingDeltas {
  private readonly opened = new Map<string, Open>();
  private readonly steps = new Map<string, Step>();

  constructor(
    private readonly terminalId: string,
    private readonly tz: number,
  ) {}

  /** A `rated` event of grade 1 or 2 on a case as the hall keeps it (its window, clerk and item). */
  rated(b: HallCaseEvent, c: { itemCode: string; clerkId: string; windowNo: string }): void {
    if (!b.rating || b.rating > 2) return;
    const deadline = b.deadline ?? dayHour(b.at + FALLBACK_DAYS * DAY_MS, this.tz).day;
    this.opened.set(b.caseId, { caseId: b.caseId, ...c, ratedMs: b.at, deadline });
  }

  followedUp(b: HallCaseEvent): void {
    const s = this.steps.get(b.caseId) ?? { n: 0, last: '', closedMs: null };
    s.n += 1;
    s.last = b.followUp!;
    if (b.followUp === 'close' && s.closedMs === null) s.closedMs = b.at;
    this.steps.set(b.caseId, s);
  }

  async flush(c: PoolClient): Promise<void> {
    const t = escapeLiteral(this.terminalId);
    const sql: string[] = [];
    if (this.opened.size)
      sql.push(
        `INSERT INTO bad_ratings (terminal_id, case_id, item_code, clerk_id, window_no, rated_ms, deadline) VALUES ${[
          ...this.opened.values(),
        ]
          .map(
            (o) =>
              `(${t}, ${escapeLiteral(o.caseId)}, ${escapeLiteral(o.itemCode)}, ${escapeLiteral(o.clerkId)}, ${escapeLiteral(o.windowNo)}, ${Math.trunc(o.ratedMs)}, CAST(${escapeLiteral(o.deadline)} AS DATE))`,
          )
          .join(', ')}`,
      );
    // A follow-up of a rating the hall never saw as bad (rated before pairing) changes nothing.
    for (const [caseId, s] of this.steps)
      sql.push(
        `UPDATE bad_ratings SET followups = followups + ${s.n}, last_step = ${escapeLiteral(s.last)}` +
          (s.closedMs === null ? '' : `, closed_ms = COALESCE(closed_ms, ${Math.trunc(s.closedMs)})`) +
          ` WHERE terminal_id = ${t} AND case_id = ${escapeLiteral(caseId)}`,
      );
    if (sql.length) await c.query(sql.join(';\n'));
  }
}

/**
 * Bad ratings not closed, and those of them past their deadline on the hall's today (overdue from
 * the day after the deadline, as at the terminal); hall-wide, or one clerk's.
 */
export async function badRatingCounts(pool: Pool, q: { today: string; clerkId?: string }): Promise<BadRatingCounts> {
  const r = await pool.query<{ open: string; overdue: string }>(
    `SELECT COUNT(*) AS open, COALESCE(SUM(CASE WHEN deadline < CAST($1 AS DATE) THEN 1 ELSE 0 END), 0) AS overdue
       FROM bad_ratings WHERE closed_ms IS NULL${q.clerkId ? ' AND clerk_id = $2' : ''}`,
    q.clerkId ? [q.today, q.clerkId] : [q.today],
  );
  return { open: Number(r.rows[0]!.open), overdue: Number(r.rows[0]!.overdue) };
}
