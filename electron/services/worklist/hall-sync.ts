import { AppError } from '../errors';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import type { HallWorklistTask } from '../../../protocol/hall-wire';
import { HallCallError } from '../hall/client';
import { auditWorklist } from './audit';
import { reasonOf } from './build';
import { WorklistError } from './errors';
import {
  holderOf,
  mirrorTasks,
  markPut,
  putBodies,
  putMessages,
  sharedLink,
  worklistReceiver,
  HALL_WORKLIST,
  type SharedLink,
} from './hall-share';
import type { LateStepBody } from './hall-receiver';
import { pendingSteps, queuedStep, QUEUEABLE, QUEUEABLE_WAIT_MS, stepIdOf, stepKey } from './offline';
import type { OutboxMessageInput } from '../outbox/types';
import type { Programme } from './programmes';
import type { Step } from './steps';
import { getTask, getWorklist } from './store';

/** The hall did not answer (down, or a server fault): what a queued step waits out. */
const unreachable = (e: unknown) => e instanceof AppError && e.code === 'HALL_UNREACHABLE';

/** An output step the hall did not hear, for the outbox (ordered behind the worklist's put). */
export function lateStep(link: SharedLink, step: LateStepBody['step']) {
  return {
    kind: HALL_WORKLIST,
    receiver: worklistReceiver(link.terminalId),
    key: `step.${step.id}.${step.seq}.${step.version}.${step.step}`,
    payload: { type: 'step', step } satisfies LateStepBody,
  };
}

export interface HallSyncDeps {
  core: Core;
  cipher: RecordCipher;
  who: () => string;
  programmeOf: (code: string) => Programme | undefined;
}

/**
 * A shared worklist's side at the hall: its put through the outbox, the hall's changes read
 * back, and every step as claim-then-step (the hall accepts first; the caller writes SQLite
 * after). Null link (a lone terminal, or one paired for another area): every call is a no-op.
 */
export class HallSync {
  constructor(private readonly d: HallSyncDeps) {}

  private get core(): Core {
    return this.d.core;
  }

  private who(): string {
    return this.d.who();
  }

  private programmeOf(code: string): Programme | undefined {
    return this.d.programmeOf(code);
  }

  link(): SharedLink | null {
    return sharedLink(this.core);
  }

  /** The built worklist to the hall through the outbox: an outage only delays it. */
  queuePut(id: string): void {
    const link = this.link();
    const outbox = this.core.services.outbox;
    if (!link || !outbox || !getWorklist(this.core.db, id).shared) return;
    this.core.db.transaction(() => {
      for (const m of putMessages(this.core.db, this.d.cipher, link, id)) outbox.enqueue(this.core.db, m);
    })();
  }

  /** The hall's changes to a shared worklist's tasks since the last look (a little overlap: versions make repeats harmless). */
  async pull(link: SharedLink, id: string): Promise<void> {
    const w = getWorklist(this.core.db, id);
    const since = w.hall_since === null ? -1 : w.hall_since - 2000;
    const { tasks } = await link.client.worklistTasks({ id, area: link.area, since });
    // The hall answers again: steps queued while it was down go now, not after the outbox's backoff.
    this.core.services.outbox?.retryNow(worklistReceiver(link.terminalId));
    const p = this.programmeOf(w.programme);
    mirrorTasks(this.core.db, this.d.cipher, w, tasks, this.who(), (seq, person) =>
      auditWorklist(this.core, this.d.cipher, 'worklist-received', {
        worklist: id,
        itemCode: w.item_code,
        purpose: p ? reasonOf(p) : w.programme,
        idNumber: person.idNumber,
        detail: { task: seq, from: 'hall' },
      }),
    );
  }

  /** The hall this task's worklist is shared through, or null (a lone terminal, an unshared list). */
  private sharedFor(taskId: number): { link: SharedLink; worklist: string; seq: number } | null {
    const link = this.link();
    if (!link) return null;
    const t = getTask(this.core.db, this.d.cipher, taskId);
    const w = getWorklist(this.core.db, t.worklist_id);
    if (!w.shared || w.area !== link.area) return null;
    return { link, worklist: w.id, seq: t.seq };
  }

  /**
   * The hall must hold the task before it can be claimed: a worklist whose put is still in the
   * outbox (the hall was down at the build) is put now, the same idempotent put the outbox sends.
   */
  private async ensurePut(link: SharedLink, worklist: string, taskId: number): Promise<number> {
    const version = () => getTask(this.core.db, this.d.cipher, taskId).hall_version;
    const v = version();
    if (v !== null) return v;
    for (const { type: _type, ...put } of putBodies(this.core.db, this.d.cipher, link.personKey, worklist)) {
      try {
        await link.client.worklistPut(put);
      } catch (e) {
        throw this.hallFailed(e, taskId);
      }
      markPut(
        this.core.db,
        worklist,
        put.tasks.map((x) => x.seq),
      );
    }
    return version() ?? 0;
  }

  /** Claims the task at the hall at the version this terminal saw; null when not shared. */
  async claim(taskId: number, waitMs?: number): Promise<{ version: number } | null> {
    const sh = this.sharedFor(taskId);
    if (!sh) return null;
    const version = await this.ensurePut(sh.link, sh.worklist, taskId);
    try {
      const { task } = await sh.link.client.worklistClaim(
        { id: sh.worklist, seq: sh.seq, version, byUser: this.who() },
        waitMs,
      );
      this.core.db.prepare('UPDATE worklist_tasks SET hall_version = ? WHERE id = ?').run(task.version, taskId);
      return { version: task.version };
    } catch (e) {
      throw this.hallFailed(e, taskId);
    }
  }

  /**
   * The step at the hall under this terminal's claim. For an output (`late` allowed) a hall that
   * does not answer is not a failure: the card exists, so the step is queued for the outbox.
   */
  async stepClaimed(
    taskId: number,
    claim: { version: number },
    step: Step | 'assign',
    extra: { note?: string; caseRef?: string; outputRef?: string; assignedTo?: string },
  ): Promise<{ version?: number; late?: ReturnType<typeof lateStep> }> {
    const sh = this.sharedFor(taskId)!;
    const k = { id: sh.worklist, seq: sh.seq, version: claim.version, step, byUser: this.who(), ...extra };
    try {
      const { task } = await sh.link.client.worklistStep(k);
      return { version: task.version };
    } catch (e) {
      if (step === 'output' && e instanceof HallCallError && (e.status === 0 || e.retryable))
        return { late: lateStep(sh.link, k) };
      if (step === 'output') {
        // Refused after the card was made (the claim lapsed and another terminal moved the task):
        // kept here, and said in the log; the hall's record stays the other terminal's.
        this.core.log(`worklists: the hall refused the output step of ${sh.worklist}/${sh.seq}: ${String(e)}`);
        return {};
      }
      throw this.hallFailed(e, taskId);
    }
  }

  /**
   * Claim, then step: the hall accepts first, and only then is the step written here. A contact,
   * confirm or assign step the hall does not answer (down, or gone between the claim and the step)
   * is recorded here and queued for it (`queue`: the caller enqueues it with the step row, in the
   * same transaction); so is every step on a task that already has steps on their way, to keep
   * their order. So is a delivery. Not an output: it claims first, and the hall must answer.
   */
  async viaHall(
    taskId: number,
    step: Step | 'assign',
    extra: { note?: string; assignedTo?: string },
  ): Promise<{ version: number } | { queue: (row: number) => OutboxMessageInput } | null> {
    const sh = this.sharedFor(taskId);
    if (!sh) return null;
    const queueable = QUEUEABLE.has(step);
    const later = (atVersion?: number) => ({
      queue: queuedStep(
        this.core.db,
        sh.link,
        { id: taskId, worklist: sh.worklist, seq: sh.seq },
        { step, byUser: this.who(), ...extra },
        atVersion,
      ),
    });
    if (queueable && pendingSteps(this.core.db, sh.worklist, sh.seq).length) return later();
    const wait = queueable ? QUEUEABLE_WAIT_MS : undefined;
    this.assertNoneQueued(taskId);
    let claim: { version: number } | null;
    try {
      claim = await this.claim(taskId, wait);
    } catch (e) {
      if (queueable && unreachable(e)) return later();
      throw e;
    }
    if (!claim) return null;
    // The step names itself as the queued one would, so a step the hall took but whose answer was
    // lost, queued after all, is recognised when it arrives again (PG 008) and not taken twice.
    const stepId = stepIdOf(sh.link, stepKey(sh.worklist, sh.seq, claim.version, step));
    const k = { id: sh.worklist, seq: sh.seq, version: claim.version, step, byUser: this.who(), ...extra, stepId };
    try {
      const { task } = await sh.link.client.worklistStep(k, wait);
      return { version: task.version };
    } catch (e) {
      // Our claim holds (or lapses, and then the claim-and-step takes it again if nobody moved).
      if (queueable && e instanceof HallCallError && (e.status === 0 || e.retryable)) return later(claim.version);
      throw this.hallFailed(e, taskId);
    }
  }

  /** An output waits for a task's queued steps to reach the hall (its claim would race them). */
  assertNoneQueued(taskId: number): void {
    const sh = this.sharedFor(taskId);
    if (!sh) return;
    const n = pendingSteps(this.core.db, sh.worklist, sh.seq).length;
    if (n)
      throw new WorklistError(
        'WORKLIST_HALL_PENDING',
        `Task ${sh.seq} has steps recorded while the hall was down that have not reached it yet.`,
        { count: n },
      );
  }

  /**
   * A refusal from the hall in the task's words. A lost race (409) shows the task as the hall has
   * it (mirrored here) and says who holds it; a step the hall's rules refuse is the step error.
   */
  private hallFailed(e: unknown, taskId: number): Error {
    if (!(e instanceof HallCallError)) return e instanceof Error ? e : new Error(String(e));
    const task = e.params.task as HallWorklistTask | undefined;
    if (task) {
      const t = getTask(this.core.db, this.d.cipher, taskId);
      mirrorTasks(this.core.db, this.d.cipher, getWorklist(this.core.db, t.worklist_id), [task], this.who());
    }
    if (e.code === 'HALL_TASK_CONFLICT' && task) {
      const h = holderOf(task);
      return new WorklistError(
        'WORKLIST_TASK_TAKEN',
        `Task ${task.seq} was taken by ${h.by || 'someone'} at ${h.terminal || 'another terminal'}; it is ${task.state} now.`,
        { by: h.by, terminal: h.terminal, state: task.state },
      );
    }
    if (e.code === 'HALL_TASK_STEP')
      return new WorklistError('WORKLIST_TASK_STEP', 'The hall refused the step by the task rules.', {
        state: String(e.params.state ?? ''),
        step: String(e.params.step ?? ''),
      });
    if (e.status === 0 || e.status >= 500)
      return new AppError('HALL_UNREACHABLE', 'The hall server did not answer; the shared task was not changed.');
    return new AppError('HALL_REFUSED', `The hall refused the call: ${e.code}`, { params: { reason: e.code } });
  }
}
