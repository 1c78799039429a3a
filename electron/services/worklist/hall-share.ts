import type { HallWorklistSummary, HallWorklistTask } from '../../../protocol/hall-wire';
import { isTaskState } from '../../../protocol/worklist-steps';
import { auditSubject } from '../audit';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import type { Db } from '../db/open';
import type { HallClient } from '../hall/client';
import { personHash } from '../hall/person';
import type { OutboxMessageInput } from '../outbox/types';
import { NOTE_MAX } from './notes';
import { addStep, getWorklist, insertTask, listTasks, type WorklistRow } from './store';
import type { TaskPerson } from './types';

/** The outbox family that puts a built worklist (and a late output step) to the hall. */
export const HALL_WORKLIST = 'hall-worklist';

/**
 * The hall a worklist is shared through: paired, with the hall-wide person key and the station
 * area the hall paired this terminal for. A terminal paired before the hall knew areas (PG 007)
 * has none, and its worklists stay its own, as on a lone terminal.
 */
export interface SharedLink {
  client: HallClient;
  terminalId: string;
  name: string;
  area: string;
  personKey: string;
}

export function sharedLink(core: Core): SharedLink | null {
  const hall = core.services.hall;
  const creds = hall?.credentials();
  const client = hall?.client();
  // The area sent is the config's (station.area); the hall checks it against the pairing's. A
  // config moved to another station since pairing shares nothing (the hall would refuse it all)
  // until the terminal is paired again.
  const area = core.config.station?.area;
  if (!creds || !client || !area || !creds.personKey) return null;
  if (creds.area !== area) {
    if (!warned.has(creds.terminalId)) {
      warned.add(creds.terminalId);
      core.log(
        `worklists: paired for area ${creds.area ?? '(none)'} but configured for ${area}: not shared; pair again`,
      );
    }
    return null;
  }
  return { client, terminalId: creds.terminalId, name: creds.name, area, personKey: creds.personKey };
}
const warned = new Set<string>();

export const worklistReceiver = (terminalId: string) => `${HALL_WORKLIST}:${terminalId}`;

/** A shared worklist's number names the window too: two windows of a hall build on one day. */
export const sharedPrefix = (core: Core) =>
  `${core.config.hall.id}-${core.config.counter.replace(/[^0-9A-Za-z_-]/g, '')}`.slice(0, 32);

/** Tasks per put: ~300 bytes each, so a put stays far below the hall's 4 MB body limit. */
export const PUT_CHUNK = 1000;

/**
 * What the hall's puts take: the tasks the hall has not got yet (hall_version null), each with its
 * person for the hall to seal, in runs of PUT_CHUNK. Such a task has not moved since the build:
 * a step on it first puts it (service.ts ensurePut), so the same run always has the same bytes.
 */
export function putBodies(db: Db, cipher: RecordCipher, personKey: string, id: string) {
  const w = getWorklist(db, id);
  const tasks = listTasks(db, cipher, id, { limit: 1_000_000 }).filter((t) => t.hall_version === null);
  const bodies = [];
  for (let i = 0; i < tasks.length; i += PUT_CHUNK)
    bodies.push({
      type: 'put' as const,
      id: w.id,
      area: w.area,
      programme: w.programme,
      itemCode: w.item_code,
      asOf: w.as_of,
      tasks: tasks.slice(i, i + PUT_CHUNK).map((t) => ({
        seq: t.seq,
        personHash: personHash(personKey, t.person.idNumber),
        person: JSON.stringify(t.person),
        state: t.state,
      })),
    });
  return bodies;
}
export type PutBody = ReturnType<typeof putBodies>[number];

/**
 * The puts as outbox messages, in one transaction after the build. Keyed by the run of seq they
 * carry: a retry is the same message, a resumed build that found more people adds new runs, and
 * the hall's put adds only the tasks it lacks, so the hall sees each task once.
 */
export function putMessages(db: Db, cipher: RecordCipher, link: SharedLink, id: string): OutboxMessageInput[] {
  return putBodies(db, cipher, link.personKey, id).map((body) => ({
    kind: HALL_WORKLIST,
    receiver: worklistReceiver(link.terminalId),
    key: `put.${id}.${body.tasks[0]!.seq}-${body.tasks.at(-1)!.seq}`,
    payload: body,
  }));
}

/** The seq of a worklist's tasks with steps on their way: the hall's older view must not overwrite them. */
export function pendingSeqs(db: Db, worklist: string): Set<number> {
  const prefix = `step.${worklist}.`;
  const keys = db
    .prepare("SELECT key FROM outbox WHERE kind = ? AND state = 'pending' AND substr(key, 1, length(?)) = ?")
    .pluck()
    .all(HALL_WORKLIST, prefix, prefix) as string[];
  return new Set(keys.map((k) => Number(k.slice(prefix.length).split('.')[0])));
}

/** The hall holds these tasks now, at version 0 unless a claim or step already told us more. */
export function markPut(db: Db, id: string, seqs: number[]): void {
  const set = db.prepare(
    'UPDATE worklist_tasks SET hall_version = 0 WHERE worklist_id = ? AND seq = ? AND hall_version IS NULL',
  );
  db.transaction(() => {
    for (const s of seqs) set.run(id, s);
  })();
}

/** A worklist built at another terminal of the station, recorded here so staff can work it. */
export function mirrorWorklist(db: Db, w: HallWorklistSummary): void {
  db.prepare(
    `INSERT INTO worklists(id, programme, item_code, area, within_days, as_of, created_by, created_at, state, shared, origin)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 'ready', 1, 'hall') ON CONFLICT(id) DO NOTHING`,
  ).run(w.id, w.programme, w.itemCode, w.area, w.asOf, w.builtBy, new Date(w.createdMs).toISOString());
}

/** Who holds or last moved a task, as staff should be told: the user and the terminal's name. */
export function holderOf(t: HallWorklistTask, now = Date.now()): { by: string; terminal: string } {
  if (t.claimedBy && (t.claimedUntil ?? 0) >= now) return { by: t.claimedUser ?? '', terminal: t.claimedByName ?? '' };
  return { by: t.last?.byUser ?? '', terminal: t.last?.terminal ?? '' };
}

/**
 * The hall's tasks into this terminal's rows: a task not here yet is added (its person sealed
 * with this terminal's cipher), a task the hall has at a newer version takes the hall's state,
 * output and delivery, with the hall's last step as a step row here. Older answers change nothing.
 */
export function mirrorTasks(
  db: Db,
  cipher: RecordCipher,
  w: WorklistRow,
  tasks: HallWorklistTask[],
  by: string,
  /** In the same transaction as the task's insert: a person this terminal did not hold (its audit). */
  onAdded?: (seq: number, person: TaskPerson) => void,
  /** Tasks to take as the hall has them even with steps still queued here (a queued step refused). */
  force: readonly number[] = [],
): number {
  let changed = 0;
  // A task with steps recorded here and not yet at the hall keeps this terminal's record: the
  // hall's older view would undo them (and its answer to them decides; offline.ts).
  const queued = pendingSeqs(db, w.id);
  for (const s of force) queued.delete(s);
  let held = Infinity;
  const local = db.prepare(
    'SELECT id, state, hall_version, case_id, output_ref FROM worklist_tasks WHERE worklist_id = ? AND seq = ?',
  );
  db.transaction(() => {
    for (const t of tasks) {
      if (!isTaskState(t.state)) continue;
      let row = local.get(w.id, t.seq) as
        | { id: number; state: string; hall_version: number | null; case_id: string | null; output_ref: string | null }
        | undefined;
      if (!row) {
        const person = JSON.parse(t.person) as TaskPerson;
        const id = insertTask(db, cipher, {
          worklist: w.id,
          seq: t.seq,
          subject: auditSubject(cipher, person.idNumber),
          person,
          by,
        });
        if (id === undefined) continue;
        onAdded?.(t.seq, person);
        row = { id, state: 'to-contact', hall_version: null, case_id: null, output_ref: null };
      }
      if (queued.has(t.seq)) {
        held = Math.min(held, t.updatedMs);
        continue;
      }
      // Forced (a queued step refused): the hall's answer is the record even at the version seen here.
      const exact = force.includes(t.seq);
      if (!exact && row.hall_version !== null && t.version <= row.hall_version) continue;
      const delivered = t.state === 'delivered';
      db.prepare(
        `UPDATE worklist_tasks SET state = @state, hall_version = @version, output_ref = @output_ref, case_id = @case_id,
           delivered_by = COALESCE(delivered_by, @delivered_by), delivered_at = COALESCE(delivered_at, @delivered_at),
           assigned_to = CASE WHEN @exact = 1 THEN @assigned_to ELSE COALESCE(@assigned_to, assigned_to) END,
           updated_at = @now WHERE id = @id`,
      ).run({
        id: row.id,
        state: t.state,
        version: t.version,
        output_ref: t.outputRef ?? row.output_ref,
        case_id: row.case_id ?? t.caseRef,
        delivered_by: delivered ? (t.last?.byUser ?? 'hall') : null,
        delivered_at: delivered ? new Date(t.last?.atMs ?? t.updatedMs).toISOString() : null,
        assigned_to: t.assignedTo,
        exact: exact ? 1 : 0,
        now: new Date().toISOString(),
      });
      if ((row.state !== t.state || t.last?.step === 'assign') && t.last)
        addStep(
          db,
          cipher,
          row.id,
          t.last.step,
          `${t.last.byUser}@${t.last.terminal}`,
          t.last.note?.slice(0, NOTE_MAX),
        );
      changed++;
    }
    // Not past a task held back for its queued steps: the next look asks for it again.
    const newest = Math.min(Math.max(0, ...tasks.map((t) => t.updatedMs)), held - 1);
    db.prepare('UPDATE worklists SET hall_since = max(coalesce(hall_since, 0), ?), total = ? WHERE id = ?').run(
      newest,
      db.prepare('SELECT count(*) FROM worklist_tasks WHERE worklist_id = ?').pluck().get(w.id) as number,
      w.id,
    );
  })();
  return changed;
}
