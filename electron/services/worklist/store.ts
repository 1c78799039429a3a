import type Database from 'better-sqlite3';
import type { RecordCipher } from '../crypto';
import { WorklistError } from './errors';
import { NOTE_MAX, openNote, sealNote } from './notes';
import { TASK_STATES, type TaskPerson, type TaskState } from './types';

type Db = Database.Database;

const aad = (worklist: string, seq: number) => `worklist_tasks/v1|${worklist}|${seq}`;

export interface WorklistRow {
  id: string;
  programme: string;
  item_code: string;
  area: string;
  within_days: number | null;
  as_of: string;
  created_by: string;
  created_at: string;
  state: 'building' | 'ready' | 'failed';
  error: string | null;
  total: number | null;
  /** Migration 017: 1 when the hall holds it; built `here` or mirrored from the `hall`. */
  shared: number;
  origin: 'here' | 'hall';
  hall_since: number | null;
}

export interface TaskRow {
  id: number;
  worklist_id: string;
  seq: number;
  subject: string;
  state: TaskState;
  assigned_to: string | null;
  case_id: string | null;
  output_ref: string | null;
  delivered_by: string | null;
  delivered_at: string | null;
  signature: string | null;
  updated_at: string;
  /** The version the hall last answered for this task; null while the hall has not got it. */
  hall_version: number | null;
}

export interface StoredTask extends TaskRow {
  person: TaskPerson;
}

/** WL-<hall>-<yyyymmdd>-<n>: the number staff quote and the registry sees as the case number. */
export function nextWorklistId(db: Db, hall: string, day: string): string {
  const prefix = `WL-${hall}-${day.replaceAll('-', '')}-`;
  const n = db.prepare('SELECT count(*) FROM worklists WHERE id LIKE ?').pluck().get(`${prefix}%`) as number;
  return `${prefix}${String(n + 1).padStart(3, '0')}`;
}

export function createWorklist(
  db: Db,
  w: Pick<WorklistRow, 'id' | 'programme' | 'item_code' | 'area' | 'within_days' | 'as_of' | 'created_by'>,
): void {
  db.prepare(
    'INSERT INTO worklists(id, programme, item_code, area, within_days, as_of, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(w.id, w.programme, w.item_code, w.area, w.within_days, w.as_of, w.created_by, new Date().toISOString());
}

export function finishWorklist(db: Db, id: string, outcome: { total: number } | { error: string }): void {
  if ('error' in outcome)
    db.prepare("UPDATE worklists SET state = 'failed', error = ? WHERE id = ?").run(outcome.error.slice(0, 500), id);
  else db.prepare("UPDATE worklists SET state = 'ready', error = NULL, total = ? WHERE id = ?").run(outcome.total, id);
}

export function getWorklist(db: Db, id: string): WorklistRow {
  const r = db.prepare('SELECT * FROM worklists WHERE id = ?').get(id) as WorklistRow | undefined;
  if (!r) throw new WorklistError('WORKLIST_NOT_FOUND', `There is no worklist ${id}.`, { id });
  return r;
}

export function listWorklists(db: Db): WorklistRow[] {
  return db.prepare('SELECT * FROM worklists ORDER BY created_at DESC, id DESC LIMIT 200').all() as WorklistRow[];
}

/** Adds a task; false when the person is already on this worklist (the registry answered them twice). */
export function insertTask(
  db: Db,
  cipher: RecordCipher,
  t: { worklist: string; seq: number; subject: string; person: TaskPerson; by: string },
): number | undefined {
  const now = new Date().toISOString();
  const r = db
    .prepare(
      'INSERT INTO worklist_tasks(worklist_id, seq, subject, person, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(worklist_id, subject) DO NOTHING',
    )
    .run(t.worklist, t.seq, t.subject, cipher.seal(JSON.stringify(t.person), aad(t.worklist, t.seq)), now);
  if (r.changes === 0) return undefined;
  const id = Number(r.lastInsertRowid);
  addStep(db, cipher, id, 'found', t.by);
  return id;
}

/**
 * A step on record; its note (what staff typed, or the assignee, the output's reference) sealed
 * under the step's own row id (notes.ts), which is chosen here so the AAD can name it.
 */
export function addStep(db: Db, cipher: RecordCipher, taskId: number, step: string, by: string, note?: string): number {
  if (note !== undefined && note.length > NOTE_MAX)
    throw new RangeError(`a worklist step note is at most ${NOTE_MAX} characters, got ${note.length}`);
  const insert = db.prepare(
    'INSERT INTO worklist_steps(id, task_id, step, note_sealed, by_id, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const at = new Date().toISOString();
  // Most steps (every task's `found`) have no note: no row id to know beforehand.
  if (!note) return Number(insert.run(null, taskId, step, null, by, at).lastInsertRowid);
  return db.transaction(() => {
    const id = db.prepare('SELECT coalesce(max(id), 0) + 1 FROM worklist_steps').pluck().get() as number;
    insert.run(id, taskId, step, sealNote(cipher, taskId, id, note), by, at);
    return id;
  })();
}

/** The task's steps in order, notes opened; a note moved from another row fails (CryptoError INTEGRITY). */
export function steps(
  db: Db,
  cipher: RecordCipher,
  taskId: number,
): Array<{ id: number; step: string; by: string; at: string; note?: string }> {
  const rows = db
    .prepare('SELECT id, task_id, step, by_id, at, note_sealed FROM worklist_steps WHERE task_id = ? ORDER BY id')
    .all(taskId) as Array<{
    id: number;
    task_id: number;
    step: string;
    by_id: string;
    at: string;
    note_sealed: Buffer | null;
  }>;
  return rows.map((s) => {
    // No plain note is read: the service's start seals them before anything reads a step (notes.ts).
    const note = s.note_sealed ? openNote(cipher, s.task_id, s.id, s.note_sealed) : undefined;
    return { id: s.id, step: s.step, by: s.by_id, at: s.at, ...(note ? { note } : {}) };
  });
}

const open = (cipher: RecordCipher, r: TaskRow & { person: Buffer }): StoredTask => ({
  ...r,
  person: JSON.parse(cipher.open(r.person, aad(r.worklist_id, r.seq)).toString('utf8')) as TaskPerson,
});

export function getTask(db: Db, cipher: RecordCipher, id: number): StoredTask {
  const r = db.prepare('SELECT * FROM worklist_tasks WHERE id = ?').get(id) as
    (TaskRow & { person: Buffer }) | undefined;
  if (!r) throw new WorklistError('WORKLIST_TASK_NOT_FOUND', `There is no task ${id}.`, { id: String(id) });
  return open(cipher, r);
}

export interface TaskFilter {
  state?: TaskState;
  assignedTo?: string;
  offset?: number;
  limit?: number;
}

export function listTasks(db: Db, cipher: RecordCipher, worklist: string, f: TaskFilter = {}): StoredTask[] {
  const rows = db
    .prepare(
      `SELECT * FROM worklist_tasks WHERE worklist_id = ? AND (? IS NULL OR state = ?) AND (? IS NULL OR assigned_to = ?)
       ORDER BY seq LIMIT ? OFFSET ?`,
    )
    .all(
      worklist,
      f.state ?? null,
      f.state ?? null,
      f.assignedTo ?? null,
      f.assignedTo ?? null,
      f.limit ?? 500,
      f.offset ?? 0,
    ) as Array<TaskRow & { person: Buffer }>;
  return rows.map((r) => open(cipher, r));
}

export function countTasks(db: Db, worklist: string, f: TaskFilter = {}): number {
  return db
    .prepare(
      'SELECT count(*) FROM worklist_tasks WHERE worklist_id = ? AND (? IS NULL OR state = ?) AND (? IS NULL OR assigned_to = ?)',
    )
    .pluck()
    .get(worklist, f.state ?? null, f.state ?? null, f.assignedTo ?? null, f.assignedTo ?? null) as number;
}

export function stateCounts(db: Db, worklist: string): Record<TaskState, number> {
  const out = Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as Record<TaskState, number>;
  for (const r of db
    .prepare('SELECT state, count(*) AS n FROM worklist_tasks WHERE worklist_id = ? GROUP BY state')
    .all(worklist) as Array<{ state: TaskState; n: number }>)
    out[r.state] = r.n;
  return out;
}

/** Subjects already served by an earlier worklist of the programme (delivered), so nobody is asked twice. */
export function servedSubjects(db: Db, programme: string): Set<string> {
  return new Set(
    db
      .prepare(
        "SELECT t.subject FROM worklist_tasks t JOIN worklists w ON w.id = t.worklist_id WHERE w.programme = ? AND t.state IN ('delivered', 'output-made')",
      )
      .pluck()
      .all(programme) as string[],
  );
}

export function updateTask(
  db: Db,
  id: number,
  set: Partial<
    Pick<
      TaskRow,
      | 'state'
      | 'assigned_to'
      | 'case_id'
      | 'output_ref'
      | 'delivered_by'
      | 'delivered_at'
      | 'signature'
      | 'hall_version'
    >
  >,
): void {
  const keys = Object.keys(set) as Array<keyof typeof set>;
  if (!keys.length) return;
  db.prepare(
    `UPDATE worklist_tasks SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @updated_at WHERE id = @id`,
  ).run({ ...set, id, updated_at: new Date().toISOString() });
}
