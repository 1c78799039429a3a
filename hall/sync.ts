import type { Pool, PoolClient } from 'pg';
import {
  CASE_EVENT_TYPES,
  type HallCaseEvent,
  type HallEventEnvelope,
  type EventsResponse,
} from '../protocol/hall-wire';

/** Hall-local day and hour of a terminal timestamp (the hall's zone, China by default: UTC+8). */
export function dayHour(atMs: number, tzOffsetMin: number): { day: string; hour: number } {
  const d = new Date(atMs + tzOffsetMin * 60_000);
  return { day: d.toISOString().slice(0, 10), hour: d.getUTCHours() };
}

export class SyncError extends Error {
  constructor(
    readonly code: 'HALL_SEQ_GAP' | 'HALL_KEY_CONFLICT' | 'HALL_BAD_EVENT',
    readonly params: Record<string, string | number>,
  ) {
    super(code);
  }
}

type Counter = 'accepted' | 'completed' | 'voided' | 'submitted' | 'approved' | 'rejected' | 'rated_bad' | 'rated_good';
interface CaseRow {
  item_code: string;
  clerk_id: string;
  window_no: string;
  opened_ms: string;
  done_ms: string | null;
  completed: number;
}

/**
 * Stores a terminal's events exactly once and in order. The terminal row is locked for the batch,
 * so concurrent deliveries from one terminal serialise; a seq already held is a duplicate (same
 * key → answered as before, other key → conflict), a jump past last_seq+1 is a gap: recorded and
 * refused, so nothing after it is stored out of order.
 */
export async function ingest(
  pool: Pool,
  terminalId: string,
  batch: HallEventEnvelope[],
  tzOffsetMin: number,
): Promise<EventsResponse> {
  const client = await pool.connect();
  let accepted = 0;
  let duplicates = 0;
  try {
    await client.query('BEGIN');
    const t = await client.query<{ last_seq: string }>('SELECT last_seq FROM terminals WHERE id = $1 FOR UPDATE', [
      terminalId,
    ]);
    let last = Number(t.rows[0]!.last_seq);
    for (const env of [...batch].sort((a, b) => a.seq - b.seq)) {
      if (env.seq <= last) {
        const k = await client.query<{ msg_key: string }>(
          'SELECT msg_key FROM events WHERE terminal_id = $1 AND seq = $2',
          [terminalId, env.seq],
        );
        if (k.rows[0] && k.rows[0].msg_key !== env.key) throw new SyncError('HALL_KEY_CONFLICT', { seq: env.seq });
        duplicates += 1;
        continue;
      }
      if (env.seq !== last + 1) {
        await client.query('INSERT INTO sync_gaps (terminal_id, expected, got) VALUES ($1, $2, $3)', [
          terminalId,
          last + 1,
          env.seq,
        ]);
        await client.query('UPDATE terminals SET last_seq = $2 WHERE id = $1', [terminalId, last]);
        await client.query('COMMIT');
        throw new SyncError('HALL_SEQ_GAP', { expected: last + 1, got: env.seq });
      }
      await apply(client, terminalId, env, tzOffsetMin);
      last = env.seq;
      accepted += 1;
    }
    await client.query('UPDATE terminals SET last_seq = $2 WHERE id = $1', [terminalId, last]);
    await client.query('COMMIT');
    return { lastSeq: last, accepted, duplicates };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function validCaseEvent(b: HallCaseEvent): boolean {
  return (
    CASE_EVENT_TYPES.includes(b.type) &&
    [b.caseId, b.clerkId, b.window, b.itemCode].every((s) => typeof s === 'string' && s.length > 0 && s.length <= 64) &&
    Number.isSafeInteger(b.at)
  );
}

async function apply(c: PoolClient, terminalId: string, env: HallEventEnvelope, tz: number): Promise<void> {
  const b = env.body;
  if (typeof env.key !== 'string' || env.key.length > 200 || !b || typeof b !== 'object')
    throw new SyncError('HALL_BAD_EVENT', { seq: env.seq });
  const caseId = b.type === 'audit-head' ? null : b.caseId;
  if (b.type !== 'audit-head' && !validCaseEvent(b)) throw new SyncError('HALL_BAD_EVENT', { seq: env.seq });
  await c.query(
    'INSERT INTO events (terminal_id, seq, msg_key, kind, case_id, at_ms, received_ms, body) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
    [terminalId, env.seq, env.key, b.type, caseId, b.at, Date.now(), JSON.stringify(b)],
  );
  if (b.type === 'audit-head') {
    await c.query('UPDATE terminals SET audit_head = $2, audit_head_seq = $3 WHERE id = $1', [
      terminalId,
      String(b.head).slice(0, 128),
      b.count,
    ]);
    return;
  }
  let row = (
    await c.query<CaseRow>(
      'SELECT item_code, clerk_id, window_no, opened_ms, done_ms, completed FROM cases WHERE terminal_id = $1 AND case_id = $2',
      [terminalId, b.caseId],
    )
  ).rows[0];
  if (!row) {
    // A case whose "opened" the hall never saw (opened before pairing) starts at its first event.
    await c.query(
      'INSERT INTO cases (terminal_id, case_id, item_code, clerk_id, window_no, opened_day, opened_ms) VALUES ($1,$2,$3,$4,$5,$6,$7)',
      [terminalId, b.caseId, b.itemCode, b.clerkId, b.window, dayHour(b.at, tz).day, b.at],
    );
    row = {
      item_code: b.itemCode,
      clerk_id: b.clerkId,
      window_no: b.window,
      opened_ms: String(b.at),
      done_ms: null,
      completed: 0,
    };
    await bump(c, terminalId, row, tz, 'accepted');
  }
  const set = (sql: string, params: unknown[]) =>
    c.query(`UPDATE cases SET ${sql} WHERE terminal_id = $1 AND case_id = $2`, [terminalId, b.caseId, ...params]);
  const finish = async (complete: boolean) => {
    if (row.done_ms === null && (b.type === 'printed' || b.type === 'submitted')) {
      await set('done_ms = $3, handling_ms = $4', [b.at, b.at - Number(row.opened_ms)]);
      row.done_ms = String(b.at);
    }
    if (complete && !row.completed) {
      await set('completed = 1', []);
      row.completed = 1;
      await bump(c, terminalId, row, tz, 'completed');
    }
  };
  switch (b.type) {
    case 'printed':
      return finish(true);
    case 'submitted':
      await finish(false);
      return bump(c, terminalId, row, tz, 'submitted');
    case 'decided':
      await bump(c, terminalId, row, tz, b.decision === 'approved' ? 'approved' : 'rejected');
      return finish(true);
    case 'voided':
      await set('voided = 1', []);
      return bump(c, terminalId, row, tz, 'voided');
    case 'rated':
      await set('rating = $3', [b.rating ?? null]);
      return bump(c, terminalId, row, tz, (b.rating ?? 5) <= 2 ? 'rated_bad' : 'rated_good');
    default:
      return;
  }
}

/** Counts land in the case's own bucket (its opening hour, window, clerk, item), so rates are per cohort. */
async function bump(
  c: PoolClient,
  terminalId: string,
  row: Pick<CaseRow, 'item_code' | 'clerk_id' | 'window_no' | 'opened_ms'>,
  tz: number,
  col: Counter,
): Promise<void> {
  const { day, hour } = dayHour(Number(row.opened_ms), tz);
  const key = [terminalId, day, hour, row.window_no, row.clerk_id, row.item_code];
  const u = await c.query(
    `UPDATE stat_hour SET ${col} = ${col} + 1 WHERE terminal_id = $1 AND day = $2 AND hour = $3 AND window_no = $4 AND clerk_id = $5 AND item_code = $6`,
    key,
  );
  if (u.rowCount === 0)
    await c.query(
      `INSERT INTO stat_hour (terminal_id, day, hour, window_no, clerk_id, item_code, ${col}) VALUES ($1,$2,$3,$4,$5,$6,1)`,
      key,
    );
}
