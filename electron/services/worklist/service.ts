import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { listAccounts } from '../accounts/store';
import type { Catalog } from '../catalog';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import type { CaseFlow } from '../flow';
import { need } from '../wiring/services';
import { auditWorklist } from './audit';
import { fillWorklist, reasonOf, startWorklist, type StartOptions } from './build';
import { WorklistError } from './errors';
import { worklistXlsx } from './export-xlsx';
import { HallSync } from './hall-sync';
import { getProgramme, loadProgrammes, type Programme } from './programmes';
import { nextState, type Step } from './steps';
import { mirrorWorklist, sharedPrefix } from './hall-share';
import { sealPlainNotes } from './notes';
import { NOT_APPLIED_SEEN, unseenNotApplied } from './offline';
import {
  addStep,
  countTasks,
  getTask,
  getWorklist,
  listTasks,
  listWorklists,
  updateTask,
  type StoredTask,
  type TaskFilter,
} from './store';
import type { FormFieldView, ProgrammeView, TaskView, WorklistSummary, WorklistView } from './types';
import { programmeView, summaryOf, taskView } from './views';

/**
 * The hook for a signature on delivery: the signing service (services/signature, built beside
 * this) hands over the PNG the citizen drew; the task and the worklist-deliver audit entry keep
 * its SHA-256 digest, so the delivery record vouches for the image wherever the image is kept.
 */
export interface DeliverySignature {
  /** PNG of the drawn signature, base64. */
  pngBase64: string;
}

/** A failed output (or its form), with the cause's code for the screen to word. */
function outputFailed(what: string, e: unknown): WorklistError {
  const reason = e instanceof AppError ? e.code : 'INTERNAL';
  return new WorklistError('WORKLIST_OUTPUT_FAILED', `${what}: ${e instanceof Error ? e.message : String(e)}`, {
    reason,
  });
}

export interface WorklistDeps {
  core: Core;
  cipher: RecordCipher;
  catalog: Catalog;
  /** resources/programmes by default. */
  programmesDir?: string;
}

/** Station work that goes out to people: worklists from programmes, a task per person (README.md). */
export class WorklistService {
  readonly programmes: readonly Programme[];

  private readonly hall: HallSync;

  constructor(private readonly d: WorklistDeps) {
    this.programmes = loadProgrammes(d.catalog, d.programmesDir);
    // Notes written before migration 018 are plain; the migration could not seal them (no key yet).
    const notes = sealPlainNotes(d.core.db, d.cipher);
    if (notes.sealed || !notes.compacted)
      d.core.log(
        `worklists: sealed ${notes.sealed} step notes written before migration 018` +
          (notes.compacted
            ? ''
            : '; the database could not be compacted, so old copies may remain until the next start'),
      );
    this.hall = new HallSync({
      core: d.core,
      cipher: d.cipher,
      who: () => this.who(),
      programmeOf: (c) => this.programmeOf(c),
    });
  }

  private get core(): Core {
    return this.d.core;
  }

  private programmeOf(code: string): Programme | undefined {
    return this.programmes.find((p) => p.code === code);
  }

  private who(): string {
    return this.core.session?.userId ?? 'unknown';
  }

  listProgrammes(): ProgrammeView[] {
    return this.programmes.map(programmeView);
  }

  /** Starts a worklist and asks the registry for its people; a registry failure leaves it failed, with what was found. */
  async start(programme: string, o: StartOptions): Promise<WorklistSummary> {
    const p = getProgramme(this.programmes, programme);
    if (!/^\d{6}(\d{3}){0,2}$/.test(o.area))
      throw new WorklistError('WORKLIST_NO_AREA', 'The station area must be an area code of 6, 9 or 12 digits.');
    const registry = need(this.core.services.registry, 'The registry');
    const deps = { core: this.core, cipher: this.d.cipher, registry };
    // Paired for this area: the worklist is the station's, shared through the hall.
    const link = this.hall.link();
    const shared = link && link.area === o.area ? { prefix: sharedPrefix(this.core) } : undefined;
    const id = startWorklist(deps, p, { ...o, ...(shared ? { shared } : {}) });
    const w = getWorklist(this.core.db, id);
    await fillWorklist(deps, p, { id, area: w.area, asOf: w.as_of, withinDays: w.within_days });
    this.hall.queuePut(id);
    return this.summary(id);
  }

  /** Asks the registry again for a worklist whose build failed; only the people still missing are added. */
  async resume(id: string): Promise<WorklistSummary> {
    const w = getWorklist(this.core.db, id);
    const p = getProgramme(this.programmes, w.programme);
    const registry = need(this.core.services.registry, 'The registry');
    await fillWorklist({ core: this.core, cipher: this.d.cipher, registry }, p, {
      id,
      area: w.area,
      asOf: w.as_of,
      withinDays: w.within_days,
    });
    this.hall.queuePut(id);
    return this.summary(id);
  }

  summary(id: string): WorklistSummary {
    const w = getWorklist(this.core.db, id);
    return summaryOf(this.core.db, w, this.programmeOf(w.programme));
  }

  /**
   * This terminal's worklists and, when paired for the station's area, the area's worklists at the
   * hall (built at another terminal: recorded here so they can be worked), their tasks brought up
   * to the hall's. The hall not answering leaves the list as this terminal last saw it.
   */
  async list(): Promise<WorklistSummary[]> {
    const link = this.hall.link();
    if (link) {
      try {
        const { worklists } = await link.client.worklistList(link.area);
        for (const hw of worklists) if (this.programmeOf(hw.programme)) mirrorWorklist(this.core.db, hw);
        // One by one: a worklist whose put is still queued (404 at the hall) does not stop the rest.
        for (const w of listWorklists(this.core.db))
          if (w.shared && w.area === link.area)
            await this.hall
              .pull(link, w.id)
              .catch((e: unknown) =>
                this.core.log(
                  `worklists: ${w.id} not read from the hall: ${e instanceof Error ? e.message : String(e)}`,
                ),
              );
      } catch (e) {
        this.core.log(`worklists: the hall's list not read: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return listWorklists(this.core.db).map((w) => summaryOf(this.core.db, w, this.programmeOf(w.programme)));
  }

  async view(id: string, f: TaskFilter = {}): Promise<WorklistView> {
    const link = this.hall.link();
    // A worklist another terminal of the station built since this one last listed: list first.
    if (link && !this.core.db.prepare('SELECT 1 FROM worklists WHERE id = ?').get(id)) await this.list();
    const shared = getWorklist(this.core.db, id);
    if (link && shared.shared && shared.area === link.area)
      await this.hall
        .pull(link, id)
        .catch((e: unknown) =>
          this.core.log(`worklists: ${id} not read from the hall: ${e instanceof Error ? e.message : String(e)}`),
        );
    const w = getWorklist(this.core.db, id);
    const p = this.programmeOf(w.programme);
    const tasks = listTasks(this.core.db, this.d.cipher, id, f).map((t) =>
      taskView(this.core.db, this.d.cipher, t, p, !!w.shared),
    );
    return { ...summaryOf(this.core.db, w, p), tasks, matched: countTasks(this.core.db, id, f) };
  }

  private task(taskId: number): { t: StoredTask; p: Programme; worklist: string } {
    const t = getTask(this.core.db, this.d.cipher, taskId);
    const w = getWorklist(this.core.db, t.worklist_id);
    return { t, p: getProgramme(this.programmes, w.programme), worklist: w.id };
  }

  private taskOut(taskId: number): TaskView {
    const { t, p, worklist } = this.task(taskId);
    return taskView(this.core.db, this.d.cipher, t, p, !!getWorklist(this.core.db, worklist).shared);
  }

  /** A step the hall did not answer, into the outbox with its row (inside the step's transaction); its key. */
  private queue(hall: Awaited<ReturnType<HallSync['viaHall']>>, row: number): string | undefined {
    if (!hall || !('queue' in hall)) return undefined;
    const m = hall.queue(row);
    need(this.core.services.outbox, 'The outbox').enqueue(this.core.db, m);
    return m.key;
  }

  /** Contacted (reached / not reached / declined) or confirmed: a step on record and in the audit log. */
  async step(
    taskId: number,
    step: Extract<Step, 'reached' | 'not-reached' | 'declined' | 'confirm'>,
    note?: string,
  ): Promise<TaskView> {
    const { t, p, worklist } = this.task(taskId);
    const to = nextState(t.state, step);
    const hall = await this.hall.viaHall(taskId, step, note ? { note } : {});
    this.core.db.transaction(() => {
      updateTask(this.core.db, taskId, {
        state: to,
        ...(hall && 'version' in hall ? { hall_version: hall.version } : {}),
      });
      const row = addStep(this.core.db, this.d.cipher, taskId, step, this.who(), note);
      // The hall did not answer: the step is recorded here and goes to it through the outbox.
      const queued = this.queue(hall, row);
      auditWorklist(this.core, this.d.cipher, step === 'confirm' ? 'worklist-confirm' : 'worklist-contact', {
        worklist,
        itemCode: p.item,
        purpose: reasonOf(p),
        idNumber: t.person.idNumber,
        detail: { task: t.seq, step, ...(queued ? { hall: 'queued', key: queued } : {}) },
      });
    })();
    return this.taskOut(taskId);
  }

  /**
   * The task's not-applied marks read by the staff: the row stops showing them (the log keeps every
   * step and every mark). Nothing left to read is no error: 知道了 pressed twice adds nothing.
   */
  ackNotApplied(taskId: number): TaskView {
    this.task(taskId);
    const rows = unseenNotApplied(this.core.db, this.d.cipher, taskId);
    if (rows.length)
      addStep(this.core.db, this.d.cipher, taskId, NOT_APPLIED_SEEN, this.who(), JSON.stringify({ rows }));
    return this.taskOut(taskId);
  }

  /**
   * Gives tasks to a member of the station's staff (an account with the station role). Shared:
   * each through the hall first (claim, then the `assign` step), so every terminal sees it.
   */
  async assign(taskIds: number[], userId: string): Promise<TaskView[]> {
    const staff = listAccounts(this.core.db).find((a) => a.id === userId && !a.disabled);
    if (!staff || !staff.roles.includes('station'))
      throw new WorklistError('WORKLIST_NOT_ASSIGNABLE', `${userId} is not station staff.`, { user: userId });
    for (const id of taskIds) {
      const { t, p, worklist } = this.task(id);
      const hall = await this.hall.viaHall(id, 'assign', { assignedTo: userId });
      this.core.db.transaction(() => {
        updateTask(this.core.db, id, {
          assigned_to: userId,
          ...(hall && 'version' in hall ? { hall_version: hall.version } : {}),
        });
        const row = addStep(this.core.db, this.d.cipher, id, 'assign', this.who(), userId);
        const queued = this.queue(hall, row);
        auditWorklist(this.core, this.d.cipher, 'worklist-assign', {
          worklist,
          itemCode: p.item,
          purpose: reasonOf(p),
          idNumber: t.person.idNumber,
          detail: { task: t.seq, to: userId, ...(queued ? { hall: 'queued', key: queued } : {}) },
        });
      })();
    }
    return taskIds.map((id) => this.taskOut(id));
  }

  /**
   * The task's case, ready for its output: opened for the person (the manual reason names the
   * worklist and task), the card taken from the registry, the item chosen (licenses fetched, the
   * form prefilled). A retry reuses the task's case while this terminal still holds it; after a
   * restart it opens a new one. The caller closes it.
   */
  private async caseFor(taskId: number): Promise<string> {
    const { t, p, worklist } = this.task(taskId);
    const desk: CaseFlow = need(this.core.services.desk, 'The case service');
    let caseId = t.case_id ?? undefined;
    let chosen = false;
    if (caseId) {
      try {
        chosen = !!desk.view(caseId).item;
      } catch {
        caseId = undefined;
      }
    }
    if (!caseId) {
      const reason = `${reasonOf(p)}（工单 ${worklist} 第 ${t.seq} 项；申请人不在柜台，信息与照片取自电子证照）`;
      caseId = desk.openManual(t.person.idNumber, t.person.name, '', reason).caseId;
      updateTask(this.core.db, taskId, { case_id: caseId });
    }
    if (!chosen) {
      await desk.cardFromRegistry(caseId);
      await desk.chooseItem(caseId, p.item);
    }
    return caseId;
  }

  /**
   * What staff must type before an application output: the form's fields no source filled
   * (phone, bank account). The case is prepared as the output would prepare it (and reused by
   * it), so the answer is the form's own prefill, not a guess. A card output asks for nothing.
   */
  async outputForm(taskId: number): Promise<FormFieldView[]> {
    const { t, p } = this.task(taskId);
    nextState(t.state, 'output');
    if (p.output !== 'application') return [];
    const desk: CaseFlow = need(this.core.services.desk, 'The case service');
    let caseId: string | undefined;
    try {
      caseId = await this.caseFor(taskId);
      return (desk.view(caseId).form?.fields ?? []).filter((f) => f.source === 'clerk' && !f.locked && !f.value);
    } catch (e) {
      throw outputFailed(`The form of task ${t.seq} could not be prepared`, e);
    } finally {
      if (caseId && desk.isCurrent(caseId)) desk.close(caseId);
    }
  }

  /**
   * The output, made without the citizen at the counter: a case is opened for the person (the
   * manual reason names the worklist and task), their licenses are fetched under that case as at
   * the counter, the item's checks run, and then the card is printed through the desk's print
   * path (registry photo, serial, spooler) or the application submitted through the outbox.
   * A blocked check or a printer fault leaves the task confirmed, to be tried again.
   */
  async output(taskId: number, values: Record<string, string> = {}): Promise<TaskView> {
    const { t, p, worklist } = this.task(taskId);
    nextState(t.state, 'output');
    // Steps recorded while the hall was down go first: a claim now would race them.
    this.hall.assertNoneQueued(taskId);
    // Shared: the claim first, so two terminals cannot both print; it lasts while the card prints.
    const claim = await this.hall.claim(taskId);
    const desk: CaseFlow = need(this.core.services.desk, 'The case service');
    let caseId: string | undefined;
    let made: { ref: string; caseId: string } | undefined;
    try {
      caseId = await this.caseFor(taskId);
      let ref: string;
      if (p.output === 'card') {
        const v = await desk.print(caseId);
        ref = v.serial ?? caseId;
      } else {
        const form = desk.view(caseId).form;
        const filled = Object.fromEntries((form?.fields ?? []).map((f) => [f.key, f.value]));
        await desk.apply(caseId, { ...filled, ...values });
        ref = caseId;
      }
      made = { ref, caseId };
    } catch (e) {
      throw outputFailed(`The output of task ${t.seq} could not be made`, e);
    } finally {
      if (caseId && desk.isCurrent(caseId)) desk.close(caseId);
    }
    {
      const { ref } = made!;
      caseId = made!.caseId;
      // The card exists: it is recorded here whatever the hall says, and a step the hall did not
      // hear goes later through the outbox (behind the worklist's put).
      const step = claim
        ? await this.hall.stepClaimed(taskId, claim, 'output', { caseRef: caseId, outputRef: ref })
        : null;
      this.core.db.transaction(() => {
        updateTask(this.core.db, taskId, {
          state: 'output-made',
          output_ref: ref,
          ...(step?.version !== undefined ? { hall_version: step.version } : {}),
        });
        if (claim && step?.late) this.core.services.outbox?.enqueue(this.core.db, step.late);
        addStep(this.core.db, this.d.cipher, taskId, 'output', this.who(), ref);
        auditWorklist(this.core, this.d.cipher, 'worklist-output', {
          worklist,
          itemCode: p.item,
          purpose: reasonOf(p),
          idNumber: t.person.idNumber,
          caseId,
          detail: { task: t.seq, output: p.output, ref },
        });
      })();
    }
    return this.taskOut(taskId);
  }

  /** Delivered: by whom and when, with the citizen's signature when one was drawn. */
  async deliver(
    taskId: number,
    o: { by?: string; note?: string; signature?: DeliverySignature } = {},
  ): Promise<TaskView> {
    const { t, p, worklist } = this.task(taskId);
    nextState(t.state, 'deliver');
    // From any terminal of the station: the hall has the output's record, the card is in hand.
    // Queued (recorded here, sent later) when the hall does not answer, or behind a task's queued steps.
    const hall = await this.hall.viaHall(taskId, 'deliver', o.note ? { note: o.note } : {});
    const by = o.by ?? this.who();
    const digest = o.signature
      ? createHash('sha256').update(Buffer.from(o.signature.pngBase64, 'base64')).digest('hex')
      : undefined;
    this.core.db.transaction(() => {
      updateTask(this.core.db, taskId, {
        state: 'delivered',
        delivered_by: by,
        delivered_at: new Date().toISOString(),
        ...(digest ? { signature: digest } : {}),
        ...(hall && 'version' in hall ? { hall_version: hall.version } : {}),
      });
      const row = addStep(this.core.db, this.d.cipher, taskId, 'deliver', this.who(), o.note);
      const queued = this.queue(hall, row);
      auditWorklist(this.core, this.d.cipher, 'worklist-deliver', {
        worklist,
        itemCode: p.item,
        purpose: reasonOf(p),
        idNumber: t.person.idNumber,
        ...(t.case_id ? { caseId: t.case_id } : {}),
        detail: {
          task: t.seq,
          by,
          ...(digest ? { signature: digest } : {}),
          ...(queued ? { hall: 'queued', key: queued } : {}),
        },
      });
    })();
    return this.taskOut(taskId);
  }

  async exportXlsx(id: string): Promise<{ fileName: string; xlsxBase64: string }> {
    const w = getWorklist(this.core.db, id);
    const p = this.programmeOf(w.programme);
    const buf = await worklistXlsx(this.core.db, this.d.cipher, w, p);
    auditWorklist(this.core, this.d.cipher, 'worklist-export', {
      worklist: id,
      itemCode: w.item_code,
      purpose: p ? reasonOf(p) : w.programme,
      detail: { tasks: countTasks(this.core.db, id), bytes: buf.length },
    });
    return { fileName: `${id}.xlsx`, xlsxBase64: buf.toString('base64') };
  }
}
