import type { Pool, PoolClient } from 'pg';
import type { HallWorklistStepBody, HallWorklistSummary, HallWorklistTask } from '../protocol/hall-wire';
import { isTaskState, stepTo } from '../protocol/worklist-steps';
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

export type HallTask = HallWorklistTask;

/** The signed caller: its terminal id and the station area it was paired for (PG 007). */
export interface Caller {
  terminalId: string;
  area: string | null;
}

/** A refusal the route answers with its status and code (not a lost race: see TaskConflict). */
export class WorklistRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
  }
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
const noteAad = (id: string, seq: number) => `${id}|${seq}|note`;

interface Row {
  worklist_id: string;
  claimed_user: string | null;
  claimed_name: string | null;
  last_step: string | null;
  last_user: string | null;
  last_terminal: string | null;
  last_at: string | null;
  last_note: string | null;
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

// The task with its claim holder's name and its last step (who "holds" a task that moved on);
// a correlated MAX, not LATERAL, to stay in the SQL docs/hall.md allows.
const SELECT_TASKS = `SELECT t.worklist_id, t.seq, t.sealed, t.state, t.version, t.assigned_to, t.claimed_by,
    t.claimed_until_ms, t.claimed_user, t.case_ref, t.output_ref, t.updated_ms, ct.name AS claimed_name,
    l.step AS last_step, l.by_user AS last_user, COALESCE(lt.name, l.terminal_id) AS last_terminal,
    l.at_ms AS last_at, l.note AS last_note
  FROM worklist_tasks t
  LEFT JOIN terminals ct ON ct.id = t.claimed_by
  LEFT JOIN worklist_steps l ON l.id = (SELECT MAX(s.id) FROM worklist_steps s
      WHERE s.worklist_id = t.worklist_id AND s.seq = t.seq)
  LEFT JOIN terminals lt ON lt.id = l.terminal_id`;

function taskOf(s: Sealer, r: Row): HallTask {
  return {
    worklistId: r.worklist_id,
    seq: r.seq,
    person: s.open(r.sealed, aad(r.worklist_id, r.seq)),
    state: r.state,
    version: r.version,
    assignedTo: r.assigned_to,
    claimedBy: r.claimed_by,
    claimedByName: r.claimed_name,
    claimedUser: r.claimed_user,
    claimedUntil: r.claimed_until_ms === null ? null : Number(r.claimed_until_ms),
    caseRef: r.case_ref,
    outputRef: r.output_ref,
    updatedMs: Number(r.updated_ms),
    last:
      r.last_step === null
        ? null
        : {
            step: r.last_step,
            byUser: r.last_user ?? '',
            terminal: r.last_terminal ?? '',
            atMs: Number(r.last_at),
            note: r.last_note === null ? null : s.open(r.last_note, noteAad(r.worklist_id, r.seq)),
          },
  };
}

/** The caller's station: worklists go only to terminals paired for an area, and only for that area. */
function areaOf(c: Caller): string {
  if (!c.area)
    throw new WorklistRefusal(403, 'HALL_AREA_REFUSED', {
      reason: 'no-area',
      hint: 'pair again with station.area set',
    });
  return c.area;
}

/** The worklist's area must be the caller's: a terminal of another station sees no such worklist. */
async function checkArea(c: Pool | PoolClient, caller: Caller, id: string): Promise<void> {
  const area = areaOf(caller);
  const w = await c.query<{ area: string }>('SELECT area FROM worklists WHERE id = $1', [id]);
  if (!w.rows[0]) throw new Error('HALL_NOT_FOUND');
  if (w.rows[0].area !== area) throw new WorklistRefusal(403, 'HALL_AREA_REFUSED', { reason: 'other-area' });
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
export async function putWorklist(pool: Pool, s: Sealer, caller: Caller, w: WorklistPut): Promise<number> {
  if (
    !ID.test(w.id) ||
    !AREA.test(w.area) ||
    w.tasks.some((t) => !HASH.test(t.personHash) || !Number.isInteger(t.seq) || t.seq < 1 || !isTaskState(t.state))
  )
    throw new Error('HALL_BAD_QUERY');
  if (w.area !== areaOf(caller)) throw new WorklistRefusal(403, 'HALL_AREA_REFUSED', { reason: 'other-area' });
  const terminalId = caller.terminalId;
  const now = Date.now();
  return inTx(pool, async (c) => {
    const known = await c.query<{ area: string }>('SELECT area FROM worklists WHERE id = $1 FOR UPDATE', [w.id]);
    if (known.rows[0] && known.rows[0].area !== w.area)
      throw new WorklistRefusal(403, 'HALL_AREA_REFUSED', { reason: 'other-area' });
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

/**
 * Tasks of a worklist changed since `sinceMs`, for a terminal paired for the worklist's area. The
 * area the call names must be the caller's too (a terminal whose config moved to another station
 * is refused rather than silently answered for the old one).
 */
export async function worklistTasks(
  pool: Pool,
  s: Sealer,
  caller: Caller,
  q: { id: string; area: string; sinceMs?: number },
): Promise<HallTask[]> {
  if (q.area !== areaOf(caller)) throw new WorklistRefusal(403, 'HALL_AREA_REFUSED', { reason: 'other-area' });
  const w = await pool.query('SELECT 1 FROM worklists WHERE id = $1 AND area = $2', [q.id, q.area]);
  if (w.rowCount === 0) throw new Error('HALL_NOT_FOUND');
  const rows = await pool.query<Row>(`${SELECT_TASKS} WHERE t.worklist_id = $1 AND t.updated_ms > $2 ORDER BY t.seq`, [
    q.id,
    q.sinceMs ?? -1,
  ]);
  return rows.rows.map((r) => taskOf(s, r));
}

/** The caller's area's worklists, newest first, with their task counts by state. */
export async function listWorklists(pool: Pool, caller: Caller, q: { area: string }): Promise<HallWorklistSummary[]> {
  const area = areaOf(caller);
  if (q.area !== area) throw new WorklistRefusal(403, 'HALL_AREA_REFUSED', { reason: 'other-area' });
  const ws = await pool.query<{
    id: string;
    area: string;
    programme: string;
    item_code: string;
    built_by: string;
    as_of: string;
    created_ms: string;
  }>(
    `SELECT w.id, w.area, w.programme, w.item_code, COALESCE(t.name, w.built_by) AS built_by, w.as_of, w.created_ms
       FROM worklists w LEFT JOIN terminals t ON t.id = w.built_by
      WHERE w.area = $1 ORDER BY w.created_ms DESC, w.id DESC LIMIT 200`,
    [area],
  );
  const counts = await pool.query<{ worklist_id: string; state: string; n: string }>(
    'SELECT worklist_id, state, count(*) AS n FROM worklist_tasks WHERE worklist_id = ANY($1) GROUP BY worklist_id, state',
    [ws.rows.map((w) => w.id)],
  );
  return ws.rows.map((w) => ({
    id: w.id,
    area: w.area,
    programme: w.programme,
    itemCode: w.item_code,
    builtBy: w.built_by,
    asOf: w.as_of,
    createdMs: Number(w.created_ms),
    counts: Object.fromEntries(counts.rows.filter((c) => c.worklist_id === w.id).map((c) => [c.state, Number(c.n)])),
  }));
}

async function current(c: PoolClient, s: Sealer, id: string, seq: number): Promise<HallTask> {
  const r = await c.query<Row>(`${SELECT_TASKS} WHERE t.worklist_id = $1 AND t.seq = $2`, [id, seq]);
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
  caller: Caller,
  k: { id: string; seq: number; version: number; byUser?: string },
  now = Date.now(),
): Promise<HallTask> {
  const terminalId = caller.terminalId;
  return inTx(pool, async (c) => {
    await checkArea(c, caller, k.id);
    const u = await c.query(
      `UPDATE worklist_tasks SET claimed_by = $4, claimed_until_ms = $5, version = version + 1, updated_ms = $6,
         claimed_user = $7
       WHERE worklist_id = $1 AND seq = $2 AND version = $3
         AND (claimed_by IS NULL OR claimed_by = $4 OR claimed_until_ms < $6)`,
      [k.id, k.seq, k.version, terminalId, now + CLAIM_MS, now, String(k.byUser ?? '').slice(0, 64) || null],
    );
    if (u.rowCount === 0) throw new TaskConflict(await current(c, s, k.id, k.seq));
    return current(c, s, k.id, k.seq);
  });
}

const STEP_ID = /^[0-9A-Za-z._:-]{8,64}$/;

/**
 * A step from the terminal holding the claim, at the version it saw: the new state by the step
 * rules (protocol/worklist-steps.ts: a step they do not allow is refused, whatever the terminal
 * says; a `state` sent must agree), the case and output references for an output, and the step
 * row, in one transaction. The claim ends with the step. `assign` (with `assignedTo`, a station
 * account) gives the task to someone and leaves its state as it is.
 */
export async function stepTask(
  pool: Pool,
  s: Sealer,
  caller: Caller,
  k: HallWorklistStepBody,
  now = Date.now(),
): Promise<HallTask> {
  return (await stepTaskOnce(pool, s, caller, k, now)).task;
}

/**
 * stepTask, once per step id: a step the terminal names (`stepId`, PG 008) that this hall already
 * took from it is answered with the task as it is now and `repeated`, and nothing changes (the
 * outbox resends after a lost answer). With `claim` (a step recorded while the hall was down) no
 * claim need be held: the step is taken at `version` unless another terminal holds a live claim,
 * so a task another terminal moved meanwhile is a TaskConflict, and a step the rules no longer
 * allow is HALL_TASK_STEP, both with the task as it is.
 */
export async function stepTaskOnce(
  pool: Pool,
  s: Sealer,
  caller: Caller,
  k: HallWorklistStepBody,
  now = Date.now(),
): Promise<{ task: HallTask; repeated: boolean; versionAfter: number }> {
  const terminalId = caller.terminalId;
  if (!k.byUser || typeof k.byUser !== 'string') throw new Error('HALL_BAD_QUERY');
  if (k.stepId !== undefined && (typeof k.stepId !== 'string' || !STEP_ID.test(k.stepId)))
    throw new Error('HALL_BAD_QUERY');
  const assign = k.step === 'assign';
  if (assign && (typeof k.assignedTo !== 'string' || !k.assignedTo || k.assignedTo.length > 64))
    throw new Error('HALL_BAD_QUERY');
  return inTx(pool, async (c) => {
    await checkArea(c, caller, k.id);
    if (k.stepId) {
      // Locks nothing: the unique index refuses a racing twin, whose transaction then fails whole.
      const had = await c.query<{ version_after: number | null }>(
        'SELECT version_after FROM worklist_steps WHERE terminal_id = $1 AND step_id = $2 AND worklist_id = $3 AND seq = $4',
        [terminalId, k.stepId, k.id, k.seq],
      );
      if (had.rows[0]) {
        const task = await current(c, s, k.id, k.seq);
        return { task, repeated: true, versionAfter: had.rows[0].version_after ?? task.version };
      }
    }
    const seen = await current(c, s, k.id, k.seq);
    // A claim-and-step may find the caller's own claim at the version it names (its answer was
    // lost, so the terminal queued the step at the version before): nobody else moved the task.
    const ownClaim = !!k.claim && seen.claimedBy === terminalId && seen.version === k.version + 1;
    if (seen.version !== k.version && !ownClaim) throw new TaskConflict(seen);
    const to = assign ? seen.state : stepTo(seen.state, k.step);
    if (!to || (k.state !== undefined && k.state !== to))
      throw new WorklistRefusal(409, 'HALL_TASK_STEP', { state: seen.state, step: k.step, task: seen });
    const held = k.claim
      ? '(claimed_by IS NULL OR claimed_by = $4 OR claimed_until_ms < $6)'
      : 'claimed_by = $4 AND claimed_until_ms >= $6';
    const u = await c.query(
      `UPDATE worklist_tasks SET state = $5, version = version + 1, updated_ms = $6, claimed_by = NULL,
         claimed_until_ms = NULL, claimed_user = NULL, case_ref = COALESCE($7, case_ref), output_ref = COALESCE($8, output_ref),
         assigned_to = COALESCE($9, assigned_to)
       WHERE worklist_id = $1 AND seq = $2 AND version = $3 AND ${held}`,
      [
        k.id,
        k.seq,
        seen.version,
        terminalId,
        to,
        now,
        k.caseRef ?? null,
        k.outputRef ?? null,
        assign ? k.assignedTo : null,
      ],
    );
    if (u.rowCount === 0) throw new TaskConflict(await current(c, s, k.id, k.seq));
    await c.query(
      'INSERT INTO worklist_steps (worklist_id, seq, at_ms, step, by_user, terminal_id, note, step_id, version_after) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      // Staff type notes ("reached his daughter 李…"): sealed like the person, never plain at the hall.
      [
        k.id,
        k.seq,
        now,
        k.step,
        k.byUser.slice(0, 64),
        terminalId,
        k.note ? s.seal(k.note.slice(0, 500), noteAad(k.id, k.seq)) : null,
        k.stepId ?? null,
        seen.version + 1,
      ],
    );
    return { task: await current(c, s, k.id, k.seq), repeated: false, versionAfter: seen.version + 1 };
  });
}
