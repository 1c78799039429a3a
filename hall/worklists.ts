import type { Pool, PoolClient } from 'pg';
import type { sealer } from './pool';

type Sealer = ReturnType<typeof sealer>;

/** A worklist as the terminal that built it puts it to the hall (docs/worklists.md). */
export interface WorklistPut {
  id: string;
  area: string;
  programme: string;
  itemCode: string;
  asOf: string;
  tasks: { seq: number; personHash: string; person: string; state: string }[];
}

export interface HallTask {
  worklistId: string;
  seq: number;
  /** The task's person, opened for the caller (TaskPerson JSON as the terminal sent it). */
  person: string;
  state: string;
  version: number;
  assignedTo: string | null;
  claimedBy: string | null;
  claimedUntil: number | null;
  caseRef: string | null;
  outputRef: string | null;
  updatedMs: number;
}

/** A claim or step that lost the race: the task as the hall has it, for the terminal to show. */
export class TaskConflict extends Error {
  constructor(readonly current: HallTask) {
    super('HALL_TASK_CONFLICT');
  }
}

const ID = /^WL-[0-9A-Za-z_-]{1,32}-\d{8}-\d{3,6}$/;
const HASH = /^[0-9a-f]{32,128}$/;
const AREA = /^\d{6}(\d{3}){0,2}$/;
export const CLAIM_MS = 10 * 60_000;

const aad = (id: string, seq: number) => `${id}|${seq}`;

interface Row {
  worklist_id: string;
  seq: number;
  sealed: string;
  state: string;
  version: number;
  assigned_to: string | null;
  claimed_by: string | null;
  claimed_until_ms: string | null;
  case_ref: string | null;
  output_ref: string | null;
  updated_ms: string;
}

const COLS =
  'worklist_id, seq, sealed, state, version, assigned_to, claimed_by, claimed_until_ms, case_ref, output_ref, updated_ms';

function taskOf(s: Sealer, r: Row): HallTask {
  return {
    worklistId: r.worklist_id,
    seq: r.seq,
    person: s.open(r.sealed, aad(r.worklist_id, r.seq)),
    state: r.state,
    version: r.version,
    assignedTo: r.assigned_to,
    claimedBy: r.claimed_by,
    claimedUntil: r.claimed_until_ms === null ? null : Number(r.claimed_until_ms),
    caseRef: r.case_ref,
    outputRef: r.output_ref,
    updatedMs: Number(r.updated_ms),
  };
}

async function inTx<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const v = await fn(c);
    await c.query('COMMIT');
    return v;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/**
 * The worklist and its tasks, the persons sealed on arrival. Idempotent: putting the same
 * worklist again (an outbox retry, a resumed build) adds only the tasks the hall lacks and never
 * touches a task's state, which from then on moves only by claim and step.
 */
export async function putWorklist(pool: Pool, s: Sealer, terminalId: string, w: WorklistPut): Promise<number> {
  if (!ID.test(w.id) || !AREA.test(w.area) || w.tasks.some((t) => !HASH.test(t.personHash) || t.seq < 1))
    throw new Error('HALL_BAD_QUERY');
  const now = Date.now();
  return inTx(pool, async (c) => {
    const known = await c.query('SELECT 1 FROM worklists WHERE id = $1 FOR UPDATE', [w.id]);
    if (known.rowCount === 0)
      await c.query(
        'INSERT INTO worklists (id, area, programme, item_code, built_by, as_of, created_ms) VALUES ($1,$2,$3,$4,$5,$6,$7)',
        [w.id, w.area, w.programme, w.itemCode, terminalId, w.asOf, now],
      );
    const have = new Set(
      (await c.query<{ seq: number }>('SELECT seq FROM worklist_tasks WHERE worklist_id = $1', [w.id])).rows.map(
        (r) => r.seq,
      ),
    );
    let added = 0;
    for (const t of w.tasks) {
      if (have.has(t.seq)) continue;
      await c.query(
        'INSERT INTO worklist_tasks (worklist_id, seq, person_hash, sealed, state, version, updated_ms) VALUES ($1,$2,$3,$4,$5,0,$6)',
        [w.id, t.seq, t.personHash, s.seal(t.person, aad(w.id, t.seq)), t.state, now],
      );
      added++;
    }
    return added;
  });
}

/** Tasks of a worklist changed since `sinceMs`, for a terminal of the same area. */
export async function worklistTasks(
  pool: Pool,
  s: Sealer,
  q: { id: string; area: string; sinceMs?: number },
): Promise<HallTask[]> {
  const w = await pool.query('SELECT 1 FROM worklists WHERE id = $1 AND area = $2', [q.id, q.area]);
  if (w.rowCount === 0) throw new Error('HALL_NOT_FOUND');
  const rows = await pool.query<Row>(
    `SELECT ${COLS} FROM worklist_tasks WHERE worklist_id = $1 AND updated_ms > $2 ORDER BY seq`,
    [q.id, q.sinceMs ?? -1],
  );
  return rows.rows.map((r) => taskOf(s, r));
}

async function current(c: PoolClient, s: Sealer, id: string, seq: number): Promise<HallTask> {
  const r = await c.query<Row>(`SELECT ${COLS} FROM worklist_tasks WHERE worklist_id = $1 AND seq = $2`, [id, seq]);
  if (!r.rows[0]) throw new Error('HALL_NOT_FOUND');
  return taskOf(s, r.rows[0]);
}

/**
 * Takes the task for this terminal for CLAIM_MS, only at the version the terminal saw and only if
 * no other terminal holds a live claim: one UPDATE, so of two racing terminals one wins and the
 * other gets TaskConflict with the winner's task.
 */
export async function claimTask(
  pool: Pool,
  s: Sealer,
  terminalId: string,
  k: { id: string; seq: number; version: number },
  now = Date.now(),
): Promise<HallTask> {
  return inTx(pool, async (c) => {
    const u = await c.query(
      `UPDATE worklist_tasks SET claimed_by = $4, claimed_until_ms = $5, version = version + 1, updated_ms = $6
       WHERE worklist_id = $1 AND seq = $2 AND version = $3
         AND (claimed_by IS NULL OR claimed_by = $4 OR claimed_until_ms < $6)`,
      [k.id, k.seq, k.version, terminalId, now + CLAIM_MS, now],
    );
    if (u.rowCount === 0) throw new TaskConflict(await current(c, s, k.id, k.seq));
    return current(c, s, k.id, k.seq);
  });
}

/**
 * A step from the terminal holding the claim, at the version it saw: the new state (the step
 * rules are the terminal's, steps.ts), the case and output references for an output, and the
 * step row, in one transaction. The claim ends with the step.
 */
export async function stepTask(
  pool: Pool,
  s: Sealer,
  terminalId: string,
  k: {
    id: string;
    seq: number;
    version: number;
    step: string;
    state: string;
    byUser: string;
    note?: string;
    caseRef?: string;
    outputRef?: string;
  },
  now = Date.now(),
): Promise<HallTask> {
  return inTx(pool, async (c) => {
    const u = await c.query(
      `UPDATE worklist_tasks SET state = $5, version = version + 1, updated_ms = $6, claimed_by = NULL,
         claimed_until_ms = NULL, case_ref = COALESCE($7, case_ref), output_ref = COALESCE($8, output_ref)
       WHERE worklist_id = $1 AND seq = $2 AND version = $3 AND claimed_by = $4 AND claimed_until_ms >= $6`,
      [k.id, k.seq, k.version, terminalId, k.state, now, k.caseRef ?? null, k.outputRef ?? null],
    );
    if (u.rowCount === 0) throw new TaskConflict(await current(c, s, k.id, k.seq));
    await c.query(
      'INSERT INTO worklist_steps (worklist_id, seq, at_ms, step, by_user, terminal_id, note) VALUES ($1,$2,$3,$4,$5,$6,$7)',
      [k.id, k.seq, now, k.step, k.byUser, terminalId, k.note ?? null],
    );
    return current(c, s, k.id, k.seq);
  });
}
