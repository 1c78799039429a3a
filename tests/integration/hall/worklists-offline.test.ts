import { describe, expect, it } from 'vitest';
import type { TaskView } from '../../../electron/api/types';
import { appendAudit } from '../../../electron/services/audit';
import type { Fixture } from '../../helpers/core';
import {
  AREA,
  a,
  b,
  codeOf,
  hall,
  hallDown,
  hallTasks,
  hallUp,
  proxyA,
  taskAt,
  useStationTerminals,
} from '../../helpers/hall/station-terminals';
import { until } from '../../helpers/until';

/**
 * The shared worklist while the hall is down (the station: tests/helpers/hall/station-terminals.ts).
 * A worklist built meanwhile reaches the hall once it is back, once; contact, confirm and assign
 * are recorded at the terminal, queued, and taken once each by their step id, even when an answer
 * is lost or the hall hangs; a step another window overtook is kept and marked not applied; the
 * output and the delivery still claim at the hall first.
 */
useStationTerminals();

describe('shared worklist steps while the hall is down', () => {
  let id2 = '';

  it('built while the hall is down, the worklist reaches the hall once it is back, and once only', async () => {
    hallDown();
    let wl2;
    try {
      wl2 = await b.callOk('worklist.start', { programme: 'severe-disability-care', area: AREA });
      expect(wl2.state).toBe('ready');
      await until(
        'the put tried and failed',
        () =>
          ((
            b.core.db
              .prepare("SELECT attempts FROM outbox WHERE kind = 'hall-worklist' AND state = 'pending'")
              .get() as { attempts: number } | undefined
          )?.attempts ?? 0) > 0,
        { timeoutMs: 10_000 },
      );
      expect(await hallTasks(wl2.id)).toEqual([]);
      // Asked again while the hall is still down: the same people, so the same put, queued once.
      expect((await b.callOk('worklist.resume', { id: wl2.id })).total).toBe(wl2.total);
      expect(b.core.db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'hall-worklist'").get()).toEqual({
        n: 1,
      });
    } finally {
      hallUp();
    }
    await until('the worklist at the hall after it came back', async () => (await hallTasks(wl2.id)).length > 0, {
      timeoutMs: 60_000,
    });
    await until(
      'the put delivered',
      () =>
        (
          b.core.db
            .prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'hall-worklist' AND state = 'pending'")
            .get() as {
            n: number;
          }
        ).n === 0,
    );
    const rows = b.core.db
      .prepare("SELECT key, state FROM outbox WHERE kind = 'hall-worklist' AND key LIKE ?")
      .all(`put.${wl2.id}.%`);
    expect(rows).toEqual([{ key: `put.${wl2.id}.1-${wl2.total}`, state: 'delivered' }]);
    const tasks = await hallTasks(wl2.id);
    expect(tasks.map((t) => t.seq)).toEqual(Array.from({ length: wl2.total }, (_, i) => i + 1));
    expect(tasks.every((t) => t.version === 0 && t.state === 'to-contact')).toBe(true);
    // A sees it and can work it.
    id2 = wl2.id;
    const atA = (await a.callOk('worklist.view', { id: wl2.id })).tasks[0]!;
    expect((await a.callOk('worklist.step', { taskId: atA.id, step: 'not-reached' })).state).toBe('not-reached');
    // Assigned at A, seen at B: the assignment goes through the hall like a step.
    const given = await a.callOk('worklist.assign', { taskIds: [atA.id], userId: 'demo-station' });
    expect(given[0]!.assignedTo).toBe('demo-station');
    const atB = (await b.callOk('worklist.view', { id: wl2.id })).tasks.find((t) => t.seq === atA.seq)!;
    expect([atB.state, atB.assignedTo]).toEqual(['not-reached', 'demo-station']);
    const hallRow = (
      await hall.pool.query('SELECT state, assigned_to FROM worklist_tasks WHERE worklist_id = $1 AND seq = $2', [
        wl2.id,
        atA.seq,
      ])
    ).rows[0];
    expect(hallRow).toEqual({ state: 'not-reached', assigned_to: 'demo-station' });
  });

  it('the hall down between the claim and the output step: the output is recorded here and reaches the hall later', async () => {
    const task = (await a.callOk('worklist.view', { id: id2 })).tasks[0]!;
    await a.callOk('worklist.step', { taskId: task.id, step: 'reached' });
    await a.callOk('worklist.step', { taskId: task.id, step: 'confirm' });
    // The hall goes away just as A reports the output it made (the application was submitted).
    const client = a.core.services.hall!.client()!;
    const send = client.worklistStep;
    client.worklistStep = (k) => {
      if (k.step === 'output') hallDown();
      return send(k);
    };
    let made: TaskView;
    try {
      const fields = await a.callOk('worklist.outputForm', { taskId: task.id });
      const typed: Record<string, string> = {
        phone: '13912345678',
        bank: '示范银行',
        bankAccount: '6222020200112233445',
      };
      const values = Object.fromEntries(fields.map((f) => [f.key, typed[f.key] ?? '测试']));
      made = await a.callOk('worklist.output', { taskId: task.id, values });
    } finally {
      client.worklistStep = send;
      hallUp();
    }
    expect(made.state).toBe('output-made');
    const late = () =>
      a.core.db.prepare("SELECT key, state FROM outbox WHERE kind = 'hall-worklist' AND key LIKE 'step.%'").all() as {
        key: string;
        state: string;
      }[];
    expect(late().map((r) => r.key)).toEqual([
      expect.stringMatching(new RegExp(`^step\\.${id2}\\.${task.seq}\\.\\d+\\.output$`)),
    ]);
    // The hall commits the step before A hears back and marks its outbox row delivered, so a poll
    // can see the hall's row first: wait for both.
    await until(
      'the output step at the hall, and A knowing it arrived',
      async () => {
        const r = (await hallTasks(id2)).find((t) => t.seq === task.seq)!;
        return r.state === 'output-made' && late()[0]!.state === 'delivered';
      },
      { timeoutMs: 60_000 },
    );
    expect(late()).toHaveLength(1);
    const atB = (await b.callOk('worklist.view', { id: id2 })).tasks.find((t) => t.seq === task.seq)!;
    expect([atB.state, atB.outputRef]).toEqual(['output-made', made.outputRef]);
  });

  it('the hall down at the door: the delivery is recorded here, queued, and reaches the hall once', async () => {
    // The task the test before made its output for, at A and at the hall.
    const task = (await a.callOk('worklist.view', { id: id2 })).tasks.find((t) => t.state === 'output-made');
    expect(task, 'a task with its output made').toBeDefined();
    const seq = task!.seq;
    proxyA.down();
    let handed: TaskView;
    try {
      handed = await a.callOk('worklist.deliver', { taskId: task!.id, note: '本人签收' });
    } finally {
      proxyA.up();
    }
    expect([handed.state, handed.hall?.pending]).toEqual(['delivered', 1]);
    expect(handed.history.at(-1)).toMatchObject({ step: 'deliver', hall: 'queued' });
    expect(auditOf(a, 'worklist-deliver').at(-1)).toMatchObject({ task: seq, hall: 'queued' });
    await untilDelivered(a, id2, seq);
    expect((await hallSteps(id2, seq)).filter((r) => r.step === 'deliver')).toEqual([
      expect.objectContaining({ terminal: 'HALL01/W1' }),
    ]);
    expect((await hallTasks(id2)).find((t) => t.seq === seq)!.state).toBe('delivered');
    expect((await taskAt(b, id2, seq)).state).toBe('delivered');
    expect((await taskAt(a, id2, seq)).hall).toBeUndefined();
  });

  // Steps while the hall is down (docs/worklists.md): recorded at the terminal, queued behind the
  // worklist's put, delivered in order once the hall is back, taken once by their step id.
  const hallSteps = async (wl: string, seq: number) =>
    (
      await hall.pool.query(
        'SELECT s.step, t.name AS terminal, s.step_id FROM worklist_steps s JOIN terminals t ON t.id = s.terminal_id WHERE worklist_id = $1 AND seq = $2 ORDER BY s.id',
        [wl, seq],
      )
    ).rows as { step: string; terminal: string; step_id: string | null }[];
  const stepMessages = (f: Fixture, wl: string, seq: number) =>
    f.core.db
      .prepare(
        "SELECT key, state, attempts, remote_state AS remote FROM outbox WHERE kind = 'hall-worklist' AND key LIKE ? ORDER BY seq",
      )
      .all(`step.${wl}.${seq}.%`) as { key: string; state: string; attempts: number; remote: string | null }[];
  const untilDelivered = (f: Fixture, wl: string, seq: number) =>
    until('the queued steps delivered', () => stepMessages(f, wl, seq).every((m) => m.state === 'delivered'), {
      timeoutMs: 90_000,
    });
  const auditOf = (f: Fixture, action: string) =>
    (
      f.core.db.prepare('SELECT detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as {
        detail: string | null;
      }[]
    ).map((r) => JSON.parse(r.detail ?? '{}') as Record<string, unknown>);
  const toContact = async (f: Fixture, wl: string, n: number) =>
    (await f.callOk('worklist.view', { id: wl })).tasks.filter((t) => t.state === 'to-contact').slice(0, n);

  it('the hall down: contact, confirm and assign are recorded at A, queued, and reach the hall once each, in order, even when an answer is lost', async () => {
    const [task] = await toContact(a, id2, 1);
    expect(task, 'a task to contact').toBeDefined();
    const seq = task!.seq;
    const v0 = (await hallTasks(id2)).find((t) => t.seq === seq)!.version;
    hallDown();
    let confirmed: TaskView;
    try {
      const reached = await a.callOk('worklist.step', { taskId: task!.id, step: 'reached', note: '上门，本人在家' });
      expect([reached.state, reached.hall?.pending]).toEqual(['reached', 1]);
      expect(reached.history.at(-1)).toMatchObject({ step: 'reached', hall: 'queued' });
      confirmed = await a.callOk('worklist.step', { taskId: task!.id, step: 'confirm' });
      const [given] = await a.callOk('worklist.assign', { taskIds: [task!.id], userId: 'demo-station' });
      expect([given!.state, given!.assignedTo, given!.hall?.pending]).toEqual(['confirmed', 'demo-station', 3]);
      expect(given!.history.slice(-3).map((h) => [h.step, h.hall])).toEqual([
        ['reached', 'queued'],
        ['confirm', 'queued'],
        ['assign', 'queued'],
      ]);
      // Each at the version the hall will have when it arrives: one claim-and-step each.
      expect(stepMessages(a, id2, seq).map((m) => [m.key, m.state])).toEqual([
        [`step.${id2}.${seq}.${v0}.reached`, 'pending'],
        [`step.${id2}.${seq}.${v0 + 1}.confirm`, 'pending'],
        [`step.${id2}.${seq}.${v0 + 2}.assign`, 'pending'],
      ]);
      // The output must claim first: refused while the steps before it are on their way.
      const out = await a.call('worklist.output', { taskId: task!.id });
      expect(codeOf(out)).toBe('WORKLIST_HALL_PENDING');
      expect(!out.ok && out.error.params).toEqual({ count: 3 });
      await until('a delivery tried and failed', () => stepMessages(a, id2, seq)[0]!.attempts > 0, {
        timeoutMs: 10_000,
      });
      expect((await hallTasks(id2)).find((t) => t.seq === seq)).toMatchObject({ state: 'to-contact', version: v0 });
      // Audited as the steps they are, marked queued.
      expect(auditOf(a, 'worklist-contact').at(-1)).toMatchObject({ task: seq, step: 'reached', hall: 'queued' });
      expect(auditOf(a, 'worklist-confirm').at(-1)).toMatchObject({ task: seq, step: 'confirm', hall: 'queued' });
    } finally {
      // The first step's answer is lost on its way back: the outbox sends it again.
      proxyA.loseAnswers('POST /v1/worklists/step ', 1);
      hallUp();
    }
    expect(confirmed.state).toBe('confirmed');
    // Put off by the failed tries; the hall seen answering again (staff open the list) sends them now.
    const next = () =>
      a.core.db
        .prepare("SELECT min(next_attempt_at) FROM outbox WHERE kind = 'hall-worklist' AND state = 'pending'")
        .pluck()
        .get() as number | null;
    const openedAt = Date.now();
    await a.callOk('worklist.view', { id: id2 });
    expect(next() ?? 0).toBeLessThanOrEqual(Date.now());
    await untilDelivered(a, id2, seq);
    expect(Date.now() - openedAt).toBeLessThan(10_000);
    expect(proxyA.lost).toBe(1);
    const msgs = stepMessages(a, id2, seq);
    expect(msgs.map((m) => m.remote)).toEqual(['repeated', 'stored', 'stored']);
    expect(msgs[0]!.attempts).toBeGreaterThanOrEqual(2);
    // At the hall: each step once, in order, by A, at the versions recorded.
    const rows = await hallSteps(id2, seq);
    expect(rows.map((r) => [r.step, r.terminal])).toEqual([
      ['reached', 'HALL01/W1'],
      ['confirm', 'HALL01/W1'],
      ['assign', 'HALL01/W1'],
    ]);
    expect(new Set(rows.map((r) => r.step_id)).size).toBe(3);
    const atHall = (
      await hall.pool.query(
        'SELECT state, version, assigned_to, claimed_by FROM worklist_tasks WHERE worklist_id = $1 AND seq = $2',
        [id2, seq],
      )
    ).rows[0];
    expect(atHall).toEqual({ state: 'confirmed', version: v0 + 3, assigned_to: 'demo-station', claimed_by: null });
    // A: nothing pending, the hall's version; B sees A's steps.
    const atA = await taskAt(a, id2, seq);
    expect([atA.state, atA.hall]).toEqual(['confirmed', undefined]);
    expect(atA.history.filter((h) => h.hall)).toEqual([]);
    expect(a.core.db.prepare('SELECT hall_version FROM worklist_tasks WHERE id = ?').pluck().get(task!.id)).toBe(
      v0 + 3,
    );
    const atB = await taskAt(b, id2, seq);
    expect([atB.state, atB.assignedTo]).toEqual(['confirmed', 'demo-station']);
    // Once at the hall, the task is worked as usual (the claim is at the version A now holds).
    expect((await a.callOk('worklist.step', { taskId: task!.id, step: 'declined' })).state).toBe('declined');
    expect((await hallSteps(id2, seq)).map((r) => r.step)).toEqual(['reached', 'confirm', 'assign', 'declined']);
  });

  it("A offline steps a task B declined at the hall meanwhile: A takes the hall's, its own steps kept and marked not applied", async () => {
    const [task] = await toContact(a, id2, 1);
    const seq = task!.seq;
    proxyA.down();
    try {
      await a.callOk('worklist.step', { taskId: task!.id, step: 'reached' });
      await a.callOk('worklist.step', { taskId: task!.id, step: 'confirm', note: '本人同意办理' });
      // B still reaches the hall: the person declined when B called.
      const atB = await taskAt(b, id2, seq);
      expect((await b.callOk('worklist.step', { taskId: atB.id, step: 'declined', note: '电话谢绝' })).state).toBe(
        'declined',
      );
    } finally {
      proxyA.up();
    }
    await untilDelivered(a, id2, seq);
    expect(stepMessages(a, id2, seq).map((m) => m.remote)).toEqual(['not-applied', 'not-applied']);
    // The hall holds B's record only.
    expect((await hallSteps(id2, seq)).map((r) => [r.step, r.terminal])).toEqual([['declined', 'HALL01/W2']]);
    // A shows the hall's state, keeps its own steps in the log marked, and says what the hall had.
    const v = await taskAt(a, id2, seq);
    expect(v.state).toBe('declined');
    expect(v.can).toEqual([]);
    expect(v.hall).toEqual({
      pending: 0,
      notApplied: [
        {
          step: 'reached',
          at: expect.any(String),
          hallState: 'declined',
          by: 'demo-station',
          terminal: 'HALL01/W2',
          code: 'HALL_TASK_CONFLICT',
        },
        {
          step: 'confirm',
          at: expect.any(String),
          hallState: 'declined',
          by: 'demo-station',
          terminal: 'HALL01/W2',
          code: 'AFTER_NOT_APPLIED',
        },
      ],
    });
    expect(v.history.slice(1).map((h) => [h.step, h.by, h.hall ?? null, h.note ?? null])).toEqual([
      ['reached', 'demo-station', 'not-applied', null],
      ['confirm', 'demo-station', 'not-applied', '本人同意办理'],
      ['declined', 'demo-station@HALL01/W2', null, '电话谢绝'],
    ]);
    // The audit log has both steps (queued) and, for each, that the hall did not take it.
    expect(auditOf(a, 'worklist-step-not-applied').slice(-2)).toEqual([
      expect.objectContaining({ task: seq, step: 'reached', code: 'HALL_TASK_CONFLICT', hallState: 'declined' }),
      expect.objectContaining({ task: seq, step: 'confirm', code: 'AFTER_NOT_APPLIED', hallState: 'declined' }),
    ]);
    // The next look at the hall changes nothing more.
    await a.callOk('worklist.list');
    expect((await taskAt(a, id2, seq)).history.length).toBe(v.history.length);
    // Read (知道了): the row drops the notes, the log still marks both steps; read again, nothing more.
    const read = await a.callOk('worklist.ackNotApplied', { taskId: task!.id });
    expect(read.hall).toBeUndefined();
    expect(read.history).toEqual(v.history);
    const rows = () => a.core.db.prepare('SELECT count(*) FROM worklist_steps WHERE task_id = ?').pluck().get(task!.id);
    const n = rows();
    expect((await a.callOk('worklist.ackNotApplied', { taskId: task!.id })).hall).toBeUndefined();
    expect(rows()).toBe(n);
    // A window that had not read them (B never had them): B's view of the task is untouched.
    expect((await taskAt(b, id2, seq)).hall).toBeUndefined();
  });

  it("the hall up, but a step's answer lost after a good claim: queued with the step's own id, taken once", async () => {
    const [task] = await toContact(a, id2, 1);
    const seq = task!.seq;
    const v0 = (await hallTasks(id2)).find((t) => t.seq === seq)!.version;
    proxyA.loseAnswers('POST /v1/worklists/step ', 1);
    const reached = await a.callOk('worklist.step', { taskId: task!.id, step: 'reached' });
    expect(proxyA.lost).toBe(2); // this one and the first test's
    // The hall took it (the claim moved it to v0 + 1, the step to v0 + 2); A did not hear, so queued it at its claim.
    expect([reached.state, reached.hall?.pending]).toEqual(['reached', 1]);
    expect(stepMessages(a, id2, seq).map((m) => m.key)).toEqual([`step.${id2}.${seq}.${v0 + 1}.reached`]);
    await untilDelivered(a, id2, seq);
    expect(stepMessages(a, id2, seq).map((m) => m.remote)).toEqual(['repeated']);
    expect((await hallSteps(id2, seq)).map((r) => r.step)).toEqual(['reached']);
    expect((await hallTasks(id2)).find((t) => t.seq === seq)).toMatchObject({ state: 'reached', version: v0 + 2 });
    expect(a.core.db.prepare('SELECT hall_version FROM worklist_tasks WHERE id = ?').pluck().get(task!.id)).toBe(
      v0 + 2,
    );
    // And the next step goes straight through at that version.
    expect((await a.callOk('worklist.step', { taskId: task!.id, step: 'confirm' })).hall).toBeUndefined();
    expect((await hallSteps(id2, seq)).map((r) => r.step)).toEqual(['reached', 'confirm']);
  });

  it("the hall up, but the claim's answer lost: the step queued at the version before is taken under A's own claim, and the next behind it", async () => {
    // A fresh worklist of the same programme (the same people but those already served), put to the hall.
    const wl3 = (await a.callOk('worklist.start', { programme: 'severe-disability-care', area: AREA })).id;
    await until('the third worklist at the hall', async () => (await hallTasks(wl3)).length > 0, { timeoutMs: 30_000 });
    const [task] = await toContact(a, wl3, 1);
    expect(task, 'a task to contact').toBeDefined();
    const seq = task!.seq;
    const v0 = (await hallTasks(wl3)).find((t) => t.seq === seq)!.version;
    const lost = proxyA.lost;
    proxyA.loseAnswers('POST /v1/worklists/claim ', 1);
    // Hold the outbox back for a moment so the second step queues behind the first.
    const outbox = a.core.services.outbox!;
    await outbox.stop();
    try {
      expect((await a.callOk('worklist.step', { taskId: task!.id, step: 'reached' })).hall?.pending).toBe(1);
      expect(proxyA.lost).toBe(lost + 1);
      expect((await a.callOk('worklist.step', { taskId: task!.id, step: 'confirm' })).hall?.pending).toBe(2);
    } finally {
      outbox.start();
      outbox.kick();
    }
    expect(stepMessages(a, wl3, seq).map((m) => m.key)).toEqual([
      `step.${wl3}.${seq}.${v0}.reached`,
      `step.${wl3}.${seq}.${v0 + 1}.confirm`,
    ]);
    await untilDelivered(a, wl3, seq);
    expect(stepMessages(a, wl3, seq).map((m) => m.remote)).toEqual(['stored', 'stored']);
    expect((await hallSteps(wl3, seq)).map((r) => r.step)).toEqual(['reached', 'confirm']);
    // v0 → A's unheard claim → reached → confirm.
    expect((await hallTasks(wl3)).find((t) => t.seq === seq)).toMatchObject({ state: 'confirmed', version: v0 + 3 });
    expect(a.core.db.prepare('SELECT hall_version FROM worklist_tasks WHERE id = ?').pluck().get(task!.id)).toBe(
      v0 + 3,
    );
  });

  it('the hall hangs (takes calls, answers none): a contact step is queued after a short wait, and reaches the hall once', async () => {
    // A worklist of its own (the high-age allowance in A's area, C's was in another), put to the hall.
    const wl = (await a.callOk('worklist.start', { programme: 'longevity-80', area: AREA })).id;
    await until('the worklist at the hall', async () => (await hallTasks(wl)).length > 0, { timeoutMs: 30_000 });
    const [task] = await toContact(a, wl, 1);
    expect(task, 'a task to contact').toBeDefined();
    const seq = task!.seq;
    proxyA.hang();
    let took = 0;
    try {
      const t0 = Date.now();
      const reached = await a.callOk('worklist.step', {
        taskId: task!.id,
        step: 'reached',
        note: '电话联系，本人在家',
      });
      took = Date.now() - t0;
      expect([reached.state, reached.hall?.pending]).toEqual(['reached', 1]);
    } finally {
      proxyA.up();
    }
    // Which wait governed: the queueable step's (QUEUEABLE_WAIT_MS, 2 s) on the claim, not the hall
    // client's 5 s. A bound with 1.5 s of margin either side, not a speed figure.
    expect(took).toBeGreaterThanOrEqual(1_900);
    expect(took).toBeLessThan(3_500);
    await untilDelivered(a, wl, seq);
    expect((await hallSteps(wl, seq)).map((r) => [r.step, r.terminal])).toEqual([['reached', 'HALL01/W1']]);
    expect((await hallTasks(wl)).find((t) => t.seq === seq)!.state).toBe('reached');
  });

  it('the hall back: the first message the window sends there takes the queued steps along, not their next try', async () => {
    const wl = (await a.callOk('worklist.start', { programme: 'severe-disability-care', area: AREA })).id;
    await until('the worklist at the hall', async () => (await hallTasks(wl)).length > 0, { timeoutMs: 30_000 });
    const [task] = await toContact(a, wl, 1);
    expect(task, 'a task to contact').toBeDefined();
    const seq = task!.seq;
    proxyA.down();
    try {
      const reached = await a.callOk('worklist.step', { taskId: task!.id, step: 'reached' });
      expect(reached.hall?.pending).toBe(1);
      // As after a long outage: the step's next try is an hour away.
      const later = a.core.db
        .prepare("UPDATE outbox SET next_attempt_at = ? WHERE kind = 'hall-worklist' AND state = 'pending'")
        .run(Date.now() + 3_600_000).changes;
      expect(later).toBe(1);
    } finally {
      proxyA.up();
    }
    // The window's next event for the hall (any audit entry is tailed as the chain's head) goes now.
    appendAudit(a.core.db, { action: 'test-mark', actor: 'test' });
    expect(a.core.services.hall!.tail(false)).toBeGreaterThan(0);
    a.core.services.outbox!.retryNow(a.core.services.hall!.receiver()!);
    const t0 = Date.now();
    await until('the queued step delivered', () => stepMessages(a, wl, seq).every((m) => m.state === 'delivered'), {
      timeoutMs: 15_000,
    });
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect((await hallTasks(wl)).find((t) => t.seq === seq)!.state).toBe('reached');
  });

  it('the output still claims first: refused while the hall is down, nothing made', async () => {
    // The task the test before left confirmed, nothing queued.
    const task = (await a.callOk('worklist.view', { id: id2 })).tasks.find((t) => t.state === 'confirmed' && !t.hall);
    expect(task, 'a confirmed task').toBeDefined();
    const cases = () => a.core.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    const before = cases();
    proxyA.down();
    try {
      const r = await a.call('worklist.output', { taskId: task!.id });
      expect(codeOf(r)).toBe('HALL_UNREACHABLE');
    } finally {
      proxyA.up();
    }
    expect(cases()).toBe(before);
    expect((await taskAt(a, id2, task!.seq)).state).toBe('confirmed');
    // Nothing queued for it: the output is never recorded without its claim.
    expect(stepMessages(a, id2, task!.seq).filter((m) => m.state === 'pending' || m.key.endsWith('.output'))).toEqual(
      [],
    );
  });
});
