import type { HallWorklistStepBody, HallWorklistTask } from '../../../protocol/hall-wire';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import { HallCallError } from '../hall/client';
import { DeliveryError } from '../outbox';
import type { Receiver, RemoteStatus } from '../outbox/types';
import { auditWorklist } from './audit';
import { markPut, mirrorTasks, sharedLink, worklistReceiver, type PutBody, type SharedLink } from './hall-share';
import { addNotApplied, notApplied, notAppliedOf, type NotApplied, type QueuedStepBody } from './offline';
import { getTask, getWorklist } from './store';

/** A step the terminal recorded (the card was printed) while the hall did not answer: sent later. */
export interface LateStepBody {
  type: 'step';
  step: HallWorklistStepBody;
}

export interface WorklistReceiverDeps {
  cipher: RecordCipher;
  /** The reason a worklist's audit entries carry (its programme's), for a step the hall refused. */
  purposeOf: (programme: string) => string;
}

/**
 * The `hall-worklist` family: ordered, so a worklist's put reaches the hall before any late step
 * of its tasks. A hall outage only delays it (retryable); the put is idempotent at the hall (only
 * missing tasks are added), so a resend after a lost answer adds nothing. Messages of an earlier
 * pairing are refused as final: the new hall never had the worklist. A step recorded while the hall
 * was down (`claim`, offline.ts) is claimed and taken in one call, once by its step id; refused
 * (another terminal moved the task), it is kept here marked not applied and the task takes the hall's.
 */
/**
 * Staff wait on these (a step recorded at a resident's door while the hall was down, a worklist
 * the other windows should see): after an outage they go within half a minute of the hall's
 * return, not after the outbox's 5-minute step. A try is one signed call; a day's outage costs
 * ~2,900 of them from one terminal, which the hall answers in microseconds while it is up.
 */
export const WORKLIST_RETRY_MAX_MS = 30_000;

export function worklistHallReceiver(core: Core, d: WorklistReceiverDeps): Receiver {
  return {
    ordered: true,
    maxRetryMs: WORKLIST_RETRY_MAX_MS,
    async deliver(msg) {
      const body = JSON.parse(msg.body) as PutBody | LateStepBody | QueuedStepBody;
      const queued = body.type === 'step' && 'claim' in body.step && body.step.claim ? (body as QueuedStepBody) : null;
      const link = sharedLink(core);
      if (!link) throw new DeliveryError('OUTBOX_UNREACHABLE', 'terminal is not paired with a hall for its area', true);
      if (msg.receiver !== worklistReceiver(link.terminalId)) {
        if (queued) settle(core, d, queued, undefined, 'OUTBOX_REFUSED');
        throw new DeliveryError('OUTBOX_REFUSED', 'queued for an earlier pairing', false);
      }
      try {
        if (queued) return await deliverQueued(core, d, link, queued);
        if (body.type === 'put') {
          const { type: _type, ...put } = body;
          await link.client.worklistPut(put);
          markPut(
            core.db,
            put.id,
            put.tasks.map((t) => t.seq),
          );
        } else {
          const { task } = await link.client.worklistStep(body.step);
          core.db
            .prepare('UPDATE worklist_tasks SET hall_version = ? WHERE worklist_id = ? AND seq = ?')
            .run(task.version, task.worklistId, task.seq);
        }
        return { state: 'stored', final: true };
      } catch (e) {
        if (e instanceof HallCallError)
          throw new DeliveryError(
            e.status === 0 ? 'OUTBOX_UNREACHABLE' : e.status === 409 ? 'OUTBOX_CONFLICT' : 'OUTBOX_REFUSED',
            e.message,
            e.retryable,
            e.status || undefined,
          );
        throw e;
      }
    },
  };
}

const taskIdOf = (core: Core, worklist: string, seq: number) =>
  core.db.prepare('SELECT id FROM worklist_tasks WHERE worklist_id = ? AND seq = ?').pluck().get(worklist, seq) as
    number | undefined;

/**
 * A queued step to the hall: claim and step at the version recorded. Taken (or taken before, the
 * answer lost: `repeated`), the task's version moves here. Refused because another terminal moved
 * the task (409 conflict, or a step the hall's state no longer allows), or because an earlier
 * queued step of the task was refused (this one followed from it), it is settled as not applied.
 */
async function deliverQueued(
  core: Core,
  d: WorklistReceiverDeps,
  link: SharedLink,
  body: QueuedStepBody,
): Promise<RemoteStatus> {
  const k = body.step;
  const taskId = taskIdOf(core, k.id, k.seq);
  const refused = taskId === undefined ? [] : notApplied(core.db, d.cipher, taskId);
  if (refused.some((n) => n.stepId === k.stepId)) return { state: 'not-applied', final: true }; // settled before a crash
  const earlier = refused.find((n) => n.stepId === body.after);
  if (earlier) {
    settle(core, d, body, undefined, 'AFTER_NOT_APPLIED', earlier);
    return { state: 'not-applied', final: true };
  }
  // A step queued behind another of this task is taken where that one left the task at the hall
  // (this terminal's version of it: nothing else moves it while steps are queued), not where it
  // was reckoned at queueing (the one before may have found this terminal's own unheard claim).
  const seen =
    body.after && taskId !== undefined
      ? (core.db.prepare('SELECT hall_version FROM worklist_tasks WHERE id = ?').pluck().get(taskId) as number | null)
      : null;
  const version = seen ?? k.version;
  try {
    const { task, repeated, versionAfter } = await link.client.worklistStep({ ...k, version });
    // The version right after the step (a repeat's task may have moved on since: the next look reads it).
    const after = versionAfter ?? (repeated ? version + 1 : task.version);
    core.db
      .prepare(
        'UPDATE worklist_tasks SET hall_version = max(coalesce(hall_version, 0), ?) WHERE worklist_id = ? AND seq = ?',
      )
      .run(after, k.id, k.seq);
    return { state: repeated ? 'repeated' : 'stored', final: true };
  } catch (e) {
    if (!(e instanceof HallCallError) || e.retryable || e.status === 0) throw e;
    const hall = e.params.task as HallWorklistTask | undefined;
    settle(core, d, body, hall, e.code);
    return { state: 'not-applied', final: true };
  }
}

/**
 * The step stays in the task's log, and a `not-applied` row names it with what the hall had; the
 * audit log says so; the task takes the hall's state (its queued steps no longer hold it back).
 */
function settle(
  core: Core,
  d: WorklistReceiverDeps,
  body: QueuedStepBody,
  hall: HallWorklistTask | undefined,
  code: string,
  earlier?: NotApplied,
): void {
  const k = body.step;
  const taskId = taskIdOf(core, k.id, k.seq);
  if (taskId === undefined) return;
  const n = earlier ? { ...notAppliedOf(undefined, body, code), ...pick(earlier) } : notAppliedOf(hall, body, code);
  core.db.transaction(() => {
    addNotApplied(core.db, d.cipher, taskId, n, k.byUser);
    const t = getTask(core.db, d.cipher, taskId);
    const w = getWorklist(core.db, k.id);
    auditWorklist(core, d.cipher, 'worklist-step-not-applied', {
      worklist: k.id,
      itemCode: w.item_code,
      purpose: d.purposeOf(w.programme),
      idNumber: t.person.idNumber,
      actor: k.byUser,
      detail: { task: k.seq, step: k.step, code, hallState: n.hallState, by: n.by, terminal: n.terminal },
    });
    if (hall) mirrorTasks(core.db, d.cipher, w, [hall], k.byUser, undefined, [k.seq]);
  })();
}

const pick = (n: NotApplied) => ({ hallState: n.hallState, by: n.by, terminal: n.terminal });
