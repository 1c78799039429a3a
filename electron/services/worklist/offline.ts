import { createHash } from 'node:crypto';
import type { HallWorklistStepBody, HallWorklistTask } from '../../../protocol/hall-wire';
import type { RecordCipher } from '../crypto';
import type { Db } from '../db/open';
import type { OutboxMessageInput } from '../outbox/types';
import { HALL_WORKLIST, holderOf, worklistReceiver, type SharedLink } from './hall-share';
import { addStep, steps } from './store';
import type { TaskView } from './types';

/**
 * Steps on a shared task recorded here while the hall did not answer (docs/worklists.md, "Steps
 * while the hall is down"). No table of their own: what is on its way is the outbox's pending
 * `step.<worklist>.<seq>.<version>.<step>` messages (ordered behind the worklist's put), and a step
 * the hall did not take is a `not-applied` row appended to the task's own step log, naming it.
 */

/**
 * The steps that may be recorded here and sent later. Not `output`: it must claim first, so two
 * windows never make one card. A delivery may wait: the card is made once and in one worker's hand,
 * and the worker at the door must be able to record the handover (and its signature) whether or not
 * the hall answers; a delivery the hall no longer takes (another window recorded one first) is
 * marked not applied like any other.
 */
export const QUEUEABLE = new Set<string>(['reached', 'not-reached', 'declined', 'confirm', 'assign', 'deliver']);

/**
 * How long such a step waits for each of the hall's claim and step before it is queued instead:
 * the hall is on the hall's own network and answers in milliseconds, and one that hangs (its
 * machine frozen, a half-open connection) would otherwise hold the station worker for the hall
 * client's 5 s a call. Queuing after a lost answer is safe: the step keeps its id, and the hall
 * takes one id once (PG 008), so a step that did arrive is answered `repeated` when resent.
 */
export const QUEUEABLE_WAIT_MS = 2_000;

/** The step row a refusal appends, its note (sealed like any note) saying what the hall had. */
export const NOT_APPLIED = 'not-applied';

/**
 * The step row that says the staff have read a task's not-applied marks (worklist.ackNotApplied):
 * its note lists the `not-applied` rows read. The row stops showing them; the log keeps them all.
 */
export const NOT_APPLIED_SEEN = 'not-applied-seen';

type LogRow = { id: number; step: string; note?: string };

/** A task's `not-applied` rows, each with what it says. */
const marksOf = (all: readonly LogRow[]) =>
  all.filter((s) => s.step === NOT_APPLIED && s.note).map((s) => ({ id: s.id, n: JSON.parse(s.note!) as NotApplied }));

/** The `not-applied` rows the task's 知道了 rows list as read. */
const seenRows = (all: readonly LogRow[]) =>
  new Set(
    all
      .filter((s) => s.step === NOT_APPLIED_SEEN && s.note)
      .flatMap((s) => (JSON.parse(s.note!) as { rows: number[] }).rows),
  );

/** The task's `not-applied` rows nobody has marked read yet. */
export function unseenNotApplied(db: Db, cipher: RecordCipher, taskId: number): number[] {
  const all = steps(db, cipher, taskId);
  const seen = seenRows(all);
  return marksOf(all)
    .filter((m) => !seen.has(m.id))
    .map((m) => m.id);
}

/** A queued step as the outbox carries it: the hall's claim-and-step body, and where it sits here. */
export interface QueuedStepBody {
  type: 'step';
  step: HallWorklistStepBody & { stepId: string; claim: true };
  /** This terminal's worklist_steps row of the step (the screen marks it). */
  row: number;
  /** The stepId of the step queued before it on the same task: refused with it if that one is. */
  after: string | null;
}

export const stepKey = (worklist: string, seq: number, version: number, step: string) =>
  `step.${worklist}.${seq}.${version}.${step}`;

/**
 * The step's id at the hall, from its key and this pairing: the same step sent again is the same
 * id, so the hall (PG 008) takes it once however often the outbox resends.
 */
export const stepIdOf = (link: Pick<SharedLink, 'terminalId'>, key: string) =>
  `s${createHash('sha256').update(`${link.terminalId}|${key}`).digest('hex').slice(0, 40)}`;

/** The task's step messages still in the outbox, oldest first (queued steps and a late output). */
export function pendingSteps(
  db: Db,
  worklist: string,
  seq: number,
): Array<{ key: string; version: number; step: string }> {
  const prefix = `step.${worklist}.${seq}.`;
  return (
    db
      .prepare(
        "SELECT key FROM outbox WHERE kind = ? AND state = 'pending' AND substr(key, 1, length(?)) = ? ORDER BY seq",
      )
      .pluck()
      .all(HALL_WORKLIST, prefix, prefix) as string[]
  ).map((key) => {
    const [version, step] = key.slice(prefix.length).split('.');
    return { key, version: Number(version), step: step ?? '' };
  });
}

/**
 * The outbox message of a step recorded here, made inside the step's transaction (so two steps
 * taken at once cannot both be reckoned at one version). Its version is the one the hall will have
 * when it arrives if nobody else moves the task: the task's last answered version, or one past the
 * last step already queued for it (each claim-and-step moves the hall's version by one).
 */
export function queuedStep(
  db: Db,
  link: SharedLink,
  t: { id: number; worklist: string; seq: number },
  step: Omit<HallWorklistStepBody, 'id' | 'seq' | 'version' | 'stepId' | 'claim'>,
  atVersion?: number,
): (row: number) => OutboxMessageInput {
  return (row) => {
    const pending = pendingSteps(db, t.worklist, t.seq);
    const last = pending.at(-1);
    const hallVersion = db.prepare('SELECT hall_version FROM worklist_tasks WHERE id = ?').pluck().get(t.id) as
      number | null;
    const version = atVersion ?? (pending.length ? Math.max(...pending.map((p) => p.version)) + 1 : (hallVersion ?? 0));
    const key = stepKey(t.worklist, t.seq, version, step.step);
    return {
      kind: HALL_WORKLIST,
      receiver: worklistReceiver(link.terminalId),
      key,
      payload: {
        type: 'step',
        step: { ...step, id: t.worklist, seq: t.seq, version, stepId: stepIdOf(link, key), claim: true },
        row,
        after: last ? stepIdOf(link, last.key) : null,
      } satisfies QueuedStepBody,
    };
  };
}

/** What a `not-applied` row says: the step not taken and the task as the hall had it. */
export interface NotApplied {
  stepId: string;
  row: number;
  step: string;
  hallState: string;
  by: string;
  terminal: string;
  /** The hall's refusal code (HALL_TASK_CONFLICT, HALL_TASK_STEP, …). */
  code: string;
}

export function notAppliedOf(hall: HallWorklistTask | undefined, body: QueuedStepBody, code: string): NotApplied {
  const h = hall ? holderOf(hall) : { by: '', terminal: '' };
  return {
    stepId: body.step.stepId,
    row: body.row,
    step: body.step.step,
    hallState: hall?.state ?? '',
    by: h.by,
    terminal: h.terminal,
    code,
  };
}

export function addNotApplied(db: Db, cipher: RecordCipher, taskId: number, n: NotApplied, by: string): void {
  addStep(db, cipher, taskId, NOT_APPLIED, by, JSON.stringify(n));
}

/** The task's steps the hall did not take, from its log. */
export function notApplied(db: Db, cipher: RecordCipher, taskId: number): NotApplied[] {
  return marksOf(steps(db, cipher, taskId)).map((m) => m.n);
}

/**
 * The task's log as the screen shows it: the `not-applied` rows folded into the steps they name
 * (marked, with what the hall had in `hall.notApplied`), and the steps still on their way marked
 * queued (the newest ones: while any is pending, every step on the task is queued behind it).
 */
export function hallView(
  db: Db,
  cipher: RecordCipher,
  task: { id: number; worklist_id: string; seq: number },
  shared: boolean,
): Pick<TaskView, 'history'> & Partial<Pick<TaskView, 'hall'>> {
  const all = steps(db, cipher, task.id);
  if (!shared) return { history: all.map(({ id: _id, ...s }) => s) };
  const seen = seenRows(all);
  const marks = marksOf(all);
  // The log marks every step the hall did not take; the row's notes are the ones not yet read.
  const refusedRows = new Set(marks.map((m) => m.n.row));
  const refused = marks.filter((m) => !seen.has(m.id)).map((m) => m.n);
  const pending = pendingSteps(db, task.worklist_id, task.seq).length;
  const own = all.filter((s) => s.step !== NOT_APPLIED && s.step !== NOT_APPLIED_SEEN);
  const history = own.map(({ id, ...s }, i): TaskView['history'][number] => ({
    ...s,
    ...(refusedRows.has(id)
      ? { hall: 'not-applied' as const }
      : i >= own.length - pending
        ? { hall: 'queued' as const }
        : {}),
  }));
  return {
    history,
    ...(pending || refused.length
      ? {
          hall: {
            pending,
            notApplied: refused.map((n) => ({
              step: n.step,
              at: all.find((s) => s.id === n.row)?.at ?? '',
              hallState: n.hallState,
              by: n.by,
              terminal: n.terminal,
              code: n.code,
            })),
          },
        }
      : {}),
  };
}
