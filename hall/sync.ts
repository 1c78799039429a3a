import { escapeLiteral, type Pool, type PoolClient } from 'pg';
import {
  CASE_EVENT_TYPES,
  FOLLOW_UP_KINDS,
  type HallCaseEvent,
  type HallEventEnvelope,
  type EventsResponse,
} from '../protocol/hall-wire';
import { Aggregates, dayHour, type Bucketed } from './aggregates';
import { BadRatingDeltas } from './bad-ratings';

export { dayHour } from './aggregates';

export class SyncError extends Error {
  constructor(
    readonly code: 'HALL_SEQ_GAP' | 'HALL_KEY_CONFLICT' | 'HALL_BAD_EVENT',
    readonly params: Record<string, string | number>,
  ) {
    super(code);
  }
}

/** A case as the hall keeps it, loaded once per batch and written back at its end. */
interface CaseState extends Bucketed {
  caseId: string;
  openedDay: string;
  doneMs: number | null;
  handlingMs: number | null;
  completed: number;
  voided: number;
  rating: number | null;
  isNew: boolean;
  dirty: boolean;
}

/** The most rows one multi-row INSERT carries (PostgreSQL allows 65,535 parameters). */
const ROWS_PER_INSERT = 500;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validCaseEvent(b: HallCaseEvent): boolean {
  return (
    CASE_EVENT_TYPES.includes(b.type) &&
    [b.caseId, b.clerkId, b.window, b.itemCode].every((s) => typeof s === 'string' && s.length > 0 && s.length <= 64) &&
    Number.isSafeInteger(b.at) &&
    (b.type !== 'rated' || (Number.isInteger(b.rating) && b.rating! >= 1 && b.rating! <= 5)) &&
    (b.type !== 'decided' || b.decision === 'approved' || b.decision === 'rejected') &&
    (b.deadline === undefined || (typeof b.deadline === 'string' && DAY.test(b.deadline))) &&
    (b.type !== 'followed-up' || FOLLOW_UP_KINDS.includes(b.followUp!))
  );
}

function checkShape(env: HallEventEnvelope): void {
  const b = env?.body;
  const ok =
    Number.isSafeInteger(env?.seq) &&
    env.seq > 0 &&
    typeof env.key === 'string' &&
    env.key.length > 0 &&
    env.key.length <= 200 &&
    !!b &&
    typeof b === 'object' &&
    (b.type === 'audit-head'
      ? Number.isSafeInteger(b.at) && Number.isSafeInteger(b.count) && typeof b.head === 'string'
      : validCaseEvent(b));
  if (!ok) throw new SyncError('HALL_BAD_EVENT', { seq: Number.isSafeInteger(env?.seq) ? env.seq : -1 });
}

/**
 * Stores a terminal's events exactly once and in order, with their case rows and aggregates, in
 * one transaction. The terminal row is locked for the batch, so concurrent deliveries from one
 * terminal serialise; a seq already held is a duplicate (same key → answered as before, other key
 * → conflict); a jump past last_seq+1 is a gap: what came before it is stored, the gap is recorded
 * and refused, so nothing after it is stored out of order.
 */
export async function ingest(
  pool: Pool,
  terminalId: string,
  batch: HallEventEnvelope[],
  tzOffsetMin: number,
): Promise<EventsResponse> {
  if (!Array.isArray(batch)) throw new SyncError('HALL_BAD_EVENT', { seq: -1 });
  batch.forEach(checkShape);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const t = await client.query<{ last_seq: string }>('SELECT last_seq FROM terminals WHERE id = $1 FOR UPDATE', [
      terminalId,
    ]);
    const last = Number(t.rows[0]!.last_seq);
    const fresh: HallEventEnvelope[] = [];
    const older: HallEventEnvelope[] = [];
    let next = last;
    let gap: { expected: number; got: number } | null = null;
    for (const env of [...batch].sort((a, b) => a.seq - b.seq)) {
      if (env.seq <= last) older.push(env);
      else if (env.seq <= next) {
        // The same seq twice in one batch.
        if (fresh[env.seq - last - 1]!.key !== env.key) throw new SyncError('HALL_KEY_CONFLICT', { seq: env.seq });
      } else if (env.seq === next + 1) {
        fresh.push(env);
        next = env.seq;
      } else {
        gap = { expected: next + 1, got: env.seq };
        break;
      }
    }
    if (older.length) {
      const held = await client.query<{ seq: string; msg_key: string }>(
        'SELECT seq, msg_key FROM events WHERE terminal_id = $1 AND seq = ANY($2)',
        [terminalId, older.map((e) => e.seq)],
      );
      const keys = new Map(held.rows.map((r) => [Number(r.seq), r.msg_key]));
      for (const e of older)
        if (keys.has(e.seq) && keys.get(e.seq) !== e.key) throw new SyncError('HALL_KEY_CONFLICT', { seq: e.seq });
    }
    await store(client, terminalId, fresh, tzOffsetMin);
    await client.query('UPDATE terminals SET last_seq = $2 WHERE id = $1', [terminalId, next]);
    if (gap)
      await client.query('INSERT INTO sync_gaps (terminal_id, expected, got) VALUES ($1, $2, $3)', [
        terminalId,
        gap.expected,
        gap.got,
      ]);
    await client.query('COMMIT');
    if (gap) throw new SyncError('HALL_SEQ_GAP', gap);
    return { lastSeq: next, accepted: fresh.length, duplicates: batch.length - fresh.length };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** The new events of a batch: event rows, case rows and aggregates, a few statements per batch. */
async function store(c: PoolClient, terminalId: string, fresh: HallEventEnvelope[], tz: number): Promise<void> {
  if (!fresh.length) return;
  const now = Date.now();
  await insertRows(
    c,
    'events (terminal_id, seq, msg_key, kind, case_id, at_ms, received_ms, body)',
    fresh.map((e) => [
      terminalId,
      e.seq,
      e.key,
      e.body.type,
      e.body.type === 'audit-head' ? null : e.body.caseId,
      e.body.at,
      now,
      JSON.stringify(e.body),
    ]),
  );
  const caseIds = [...new Set(fresh.flatMap((e) => (e.body.type === 'audit-head' ? [] : [e.body.caseId])))];
  const cases = await loadCases(c, terminalId, caseIds);
  const agg = new Aggregates(terminalId, tz);
  const bad = new BadRatingDeltas(terminalId, tz);
  let head: { head: string; count: number } | null = null;
  for (const e of fresh) {
    if (e.body.type === 'audit-head') head = { head: e.body.head.slice(0, 128), count: e.body.count };
    else apply(cases, agg, bad, e.body, tz);
  }
  const all = [...cases.values()];
  await insertRows(
    c,
    'cases (terminal_id, case_id, item_code, clerk_id, window_no, opened_day, opened_ms, done_ms, handling_ms, completed, voided, rating)',
    all
      .filter((x) => x.isNew)
      .map((x) => [
        terminalId,
        x.caseId,
        x.itemCode,
        x.clerkId,
        x.windowNo,
        x.openedDay,
        x.openedMs,
        x.doneMs,
        x.handlingMs,
        x.completed,
        x.voided,
        x.rating,
      ]),
  );
  const num = (v: number | null) => (v === null ? 'NULL' : String(Math.trunc(v)));
  // Cases opened in an earlier batch, sent along with the aggregate updates (one round trip).
  const caseUpdates = all
    .filter((y) => !y.isNew && y.dirty)
    .map(
      (x) =>
        `UPDATE cases SET done_ms = ${num(x.doneMs)}, handling_ms = ${num(x.handlingMs)}, completed = ${num(x.completed)}, voided = ${num(x.voided)}, rating = ${num(x.rating)} WHERE terminal_id = ${escapeLiteral(terminalId)} AND case_id = ${escapeLiteral(x.caseId)}`,
    );
  await agg.flush(c, caseUpdates);
  await bad.flush(c);
  if (head)
    await c.query('UPDATE terminals SET audit_head = $2, audit_head_seq = $3 WHERE id = $1', [
      terminalId,
      head.head,
      head.count,
    ]);
}

async function insertRows(c: PoolClient, into: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const w = chunk[0]!.length;
    const tuples = chunk.map((_, r) => `(${Array.from({ length: w }, (_, k) => `$${r * w + k + 1}`).join(', ')})`);
    await c.query(`INSERT INTO ${into} VALUES ${tuples.join(', ')}`, chunk.flat());
  }
}

async function loadCases(c: PoolClient, terminalId: string, ids: string[]): Promise<Map<string, CaseState>> {
  const m = new Map<string, CaseState>();
  if (!ids.length) return m;
  const r = await c.query(
    `SELECT case_id, item_code, clerk_id, window_no, TO_CHAR(opened_day, 'YYYY-MM-DD') AS opened_day, opened_ms, done_ms,
            handling_ms, completed, voided, rating
       FROM cases WHERE terminal_id = $1 AND case_id = ANY($2)`,
    [terminalId, ids],
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  for (const x of r.rows)
    m.set(x.case_id, {
      caseId: x.case_id,
      itemCode: x.item_code,
      clerkId: x.clerk_id,
      windowNo: x.window_no,
      openedDay: x.opened_day,
      openedMs: Number(x.opened_ms),
      doneMs: num(x.done_ms),
      handlingMs: num(x.handling_ms),
      completed: Number(x.completed),
      voided: Number(x.voided),
      rating: num(x.rating),
      isNew: false,
      dirty: false,
    });
  return m;
}

function apply(
  cases: Map<string, CaseState>,
  agg: Aggregates,
  bad: BadRatingDeltas,
  b: HallCaseEvent,
  tz: number,
): void {
  let row = cases.get(b.caseId);
  if (!row) {
    // A case whose "opened" the hall never saw (opened before pairing) starts at its first event.
    row = {
      caseId: b.caseId,
      itemCode: b.itemCode,
      clerkId: b.clerkId,
      windowNo: b.window,
      openedDay: dayHour(b.at, tz).day,
      openedMs: b.at,
      doneMs: null,
      handlingMs: null,
      completed: 0,
      voided: 0,
      rating: null,
      isNew: true,
      dirty: true,
    };
    cases.set(b.caseId, row);
    agg.bump(row, 'accepted');
  }
  const r = row;
  const finish = (complete: boolean) => {
    if (r.doneMs === null && (b.type === 'printed' || b.type === 'submitted')) {
      r.doneMs = b.at;
      r.handlingMs = b.at - r.openedMs;
      r.dirty = true;
      agg.handling(r, r.handlingMs);
    }
    if (complete && !r.completed) {
      r.completed = 1;
      r.dirty = true;
      agg.bump(r, 'completed');
    }
  };
  switch (b.type) {
    case 'printed':
      return finish(true);
    case 'submitted':
      finish(false);
      return agg.bump(r, 'submitted');
    case 'decided':
      agg.bump(r, b.decision === 'approved' ? 'approved' : 'rejected');
      return finish(true);
    case 'voided':
      r.voided = 1;
      r.dirty = true;
      return agg.bump(r, 'voided');
    case 'rated':
      r.rating = b.rating!;
      r.dirty = true;
      bad.rated(b, r);
      return agg.bump(r, 'rated', b.rating);
    case 'followed-up':
      return bad.followedUp(b);
    default:
      return;
  }
}
