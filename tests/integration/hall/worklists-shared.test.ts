import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../../../electron/api/types';
import { appendAudit } from '../../../electron/services/audit';
import { HallCallError } from '../../../electron/services/hall/client';
import { newPairingCode } from '../../../hall/auth';
import { startHall, type HallServer } from '../../../hall/server';
import { makeCore, type Fixture } from '../../helpers/core';
import { startTestPg } from '../../helpers/hall/pg';
import { startSwitchProxy } from '../../helpers/hall/switch-proxy';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { until } from '../../helpers/until';

/**
 * Issue 14 §1, "with a hall server, a worklist is shared by the station's terminals": two
 * terminals of 和平街道 (A, B) and one of another street (C), each a whole booted terminal with
 * its own SQLite, one hall on real PostgreSQL behind a proxy that can take it down. B sees and
 * works the worklist A built; racing to confirm and to print the same task, exactly one wins and
 * the other is told WORKLIST_TASK_TAKEN with who holds it; the card is printed once; delivery is
 * recorded at the terminal that did not print. A worklist built while the hall is down reaches it
 * once it is back. C is refused; a step the rules forbid is refused by the hall itself.
 */
const AREA = '110901001';
let pgs: Awaited<ReturnType<typeof startTestPg>>;
let hall: HallServer;
// A reaches the hall through its own proxy, B and C through another: the hall can go away for
// every terminal (both down) or for A alone while B still works the same tasks.
let proxy: Awaited<ReturnType<typeof startSwitchProxy>>;
let proxyA: Awaited<ReturnType<typeof startSwitchProxy>>;
const hallDown = () => (proxy.down(), proxyA.down());
const hallUp = () => (proxy.up(), proxyA.up());
let sandbox: TestSandbox;
let a: Fixture, b: Fixture, c: Fixture;

beforeAll(async () => {
  pgs = await startTestPg();
  hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
  const u = new URL(hall.url);
  proxy = await startSwitchProxy({ host: u.hostname, port: Number(u.port) });
  proxyA = await startSwitchProxy({ host: u.hostname, port: Number(u.port) });
  sandbox = await startTestSandbox();
  const boot = (counter: string, stationArea: string) =>
    makeCore({ boot: { registry: sandbox, hallId: 'HALL01', counter, stationArea } });
  [a, b, c] = await Promise.all([boot('W1', AREA), boot('W2', AREA), boot('W9', '110902001')]);
  for (const f of [a, b, c]) {
    await f.core.services.hall!.pair((f === a ? proxyA : proxy).url, await newPairingCode(hall.pool), 'test-admin');
    await f.signInAs('demo-station', 'training-123');
  }
}, 180_000);
afterAll(async () => {
  for (const f of [a, b, c]) await f?.close().catch(() => undefined);
  await sandbox?.stop();
  await proxy?.close();
  await proxyA?.close();
  await hall?.close();
  await pgs?.stop();
});

const hallTasks = async (id: string) =>
  (await hall.pool.query('SELECT seq, state, version FROM worklist_tasks WHERE worklist_id = $1 ORDER BY seq', [id]))
    .rows as { seq: number; state: string; version: number }[];
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const taskAt = async (f: Fixture, id: string, seq: number): Promise<TaskView> =>
  (await f.callOk('worklist.view', { id })).tasks.find((t) => t.seq === seq)!;

describe('a worklist shared by the station terminals through the hall', () => {
  let id = '';
  let id2 = '';

  it('the hall fixed each terminal its station area at pairing', async () => {
    const rows = (await hall.pool.query('SELECT name, area FROM terminals ORDER BY name')).rows;
    expect(rows).toEqual([
      { name: 'HALL01/W1', area: AREA },
      { name: 'HALL01/W2', area: AREA },
      { name: 'HALL01/W9', area: '110902001' },
    ]);
  });

  it('A builds it, the outbox puts it to the hall once, and B sees it in its list', async () => {
    const wl = await a.callOk('worklist.start', { programme: 'senior-card-65', area: AREA });
    id = wl.id;
    expect(wl.state).toBe('ready');
    expect(wl.total).toBeGreaterThan(0);
    expect(id).toMatch(/^WL-HALL01-W1-\d{8}-001$/); // the window in the number: B's own would not collide
    await until('the worklist at the hall', async () => (await hallTasks(id)).length === wl.total, {
      timeoutMs: 20_000,
    });
    const listB = await b.callOk('worklist.list');
    const seen = listB.find((w) => w.id === id);
    expect(seen, JSON.stringify(listB.map((w) => w.id))).toBeDefined();
    expect(seen!.total).toBe(wl.total);
    const [va, vb] = [await a.callOk('worklist.view', { id }), await b.callOk('worklist.view', { id })];
    expect(vb.tasks.map((t) => [t.seq, t.name, t.idMasked, t.state])).toEqual(
      va.tasks.map((t) => [t.seq, t.name, t.idMasked, t.state]),
    );
    expect(vb.tasks.find((t) => t.name === '陈德福')).toBeDefined();
    // B holds persons it did not ask the registry for: each is on its audit log, once.
    const received = (f: Fixture) =>
      f.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'worklist-received'").pluck().get();
    expect([received(a), received(b)]).toEqual([0, wl.total]);
    await b.callOk('worklist.list');
    expect(received(b)).toBe(wl.total);
    // Nothing readable of the persons at the hall.
    const raw = JSON.stringify((await hall.pool.query('SELECT * FROM worklist_tasks')).rows);
    expect(raw).not.toContain('陈德福');
  });

  it('both race to confirm one task: exactly one wins, the other gets WORKLIST_TASK_TAKEN naming the winner', async () => {
    const seq = (await taskAt(a, id, 1)).seq;
    const reached = await a.callOk('worklist.step', { taskId: (await taskAt(a, id, seq)).id, step: 'reached' });
    expect(reached.state).toBe('reached');
    // B sees the step A took (its list is the hall's), with who took it.
    const atB = await taskAt(b, id, seq);
    expect(atB.state).toBe('reached');
    expect(atB.history.at(-1)).toMatchObject({ step: 'reached', by: 'demo-station@HALL01/W1' });
    const ta = (await taskAt(a, id, seq)).id;
    const tb = atB.id;
    const [ra, rb] = await Promise.all([
      a.call('worklist.step', { taskId: ta, step: 'confirm' }),
      b.call('worklist.step', { taskId: tb, step: 'confirm' }),
    ]);
    expect([codeOf(ra), codeOf(rb)].sort()).toEqual(['WORKLIST_TASK_TAKEN', 'ok']);
    const loser = ra.ok ? rb : ra;
    const winnerName = ra.ok ? 'HALL01/W1' : 'HALL01/W2';
    expect(!loser.ok && loser.error.params).toMatchObject({ by: 'demo-station', terminal: winnerName });
    expect(await hallTasks(id).then((t) => t.find((x) => x.seq === seq)!.state)).toBe('confirmed');
    const steps = await hall.pool.query("SELECT count(*) AS n FROM worklist_steps WHERE step = 'confirm'");
    expect(Number(steps.rows[0].n)).toBe(1);
    // The loser shows the task as the hall has it.
    expect((await taskAt(ra.ok ? b : a, id, seq)).state).toBe('confirmed');
  });

  it('both race to print its card: one card is printed, the other terminal is told who took it', async () => {
    const seq = 1;
    const [ta, tb] = [(await taskAt(a, id, seq)).id, (await taskAt(b, id, seq)).id];
    const [ra, rb] = await Promise.all([
      a.call('worklist.output', { taskId: ta }),
      b.call('worklist.output', { taskId: tb }),
    ]);
    expect([codeOf(ra), codeOf(rb)].sort()).toEqual(['WORKLIST_TASK_TAKEN', 'ok']);
    const [printer, other] = ra.ok ? [a, b] : [b, a];
    const serials = (f: Fixture) =>
      (f.core.db.prepare('SELECT count(*) AS n FROM cases WHERE serial IS NOT NULL').get() as { n: number }).n;
    expect([serials(printer), serials(other)]).toEqual([1, 0]);
    const made = (await taskAt(printer, id, seq)) as TaskView;
    expect(made.state).toBe('output-made');
    const hallRow = (
      await hall.pool.query(
        'SELECT state, case_ref, output_ref FROM worklist_tasks WHERE worklist_id = $1 AND seq = 1',
        [id],
      )
    ).rows[0];
    expect(hallRow).toEqual({ state: 'output-made', case_ref: made.caseId, output_ref: made.outputRef });

    // Delivered from the terminal that did not print (the card was carried out); the printer sees it.
    const atOther = await taskAt(other, id, seq);
    expect([atOther.state, atOther.outputRef]).toEqual(['output-made', made.outputRef]);
    const delivered = await other.callOk('worklist.deliver', { taskId: atOther.id, note: '已送达' });
    expect(delivered.state).toBe('delivered');
    const back = await taskAt(printer, id, seq);
    expect(back.state).toBe('delivered');
    expect(back.deliveredBy).toBe('demo-station');
  });

  it('a step the rules forbid is refused by the hall, even from the terminal holding the claim', async () => {
    const creds = a.core.services.hall!.credentials()!;
    const client = a.core.services.hall!.client()!;
    // The delivered task: nothing may follow, least of all a second output.
    const t = (await hallTasks(id)).find((x) => x.seq === 1)!;
    expect(t.state).toBe('delivered');
    const claimed = await client.worklistClaim({ id, seq: t.seq, version: t.version, byUser: 'demo-station' });
    expect(claimed.task.claimedBy).toBe(creds.terminalId);
    const r = await client
      .worklistStep({
        id,
        seq: t.seq,
        version: claimed.task.version,
        step: 'output',
        byUser: 'demo-station',
        outputRef: 'X',
      })
      .catch((e: unknown) => e);
    expect(r).toBeInstanceOf(HallCallError);
    expect(r).toMatchObject({ status: 409, code: 'HALL_TASK_STEP', params: { state: 'delivered', step: 'output' } });
    const after = (
      await hall.pool.query('SELECT state, output_ref FROM worklist_tasks WHERE worklist_id = $1 AND seq = 1', [id])
    ).rows[0];
    expect(after.state).toBe('delivered');
    expect(after.output_ref).not.toBe('X');
  });

  it('a terminal of another area does not see the worklist and is refused when it asks for it', async () => {
    expect((await c.callOk('worklist.list')).map((w) => w.id)).not.toContain(id);
    const client = c.core.services.hall!.client()!;
    for (const area of [AREA, '110902001']) {
      const r = await client.worklistTasks({ id, area }).catch((e: unknown) => e);
      expect(r, area).toBeInstanceOf(HallCallError);
      expect((r as HallCallError).status).toBe(area === AREA ? 403 : 404);
    }
    const claim = await client.worklistClaim({ id, seq: 2, version: 0 }).catch((e: unknown) => e);
    expect(claim).toMatchObject({ status: 403, code: 'HALL_AREA_REFUSED' });
    // C's own worklist for A's area (a typed area, not its station) stays C's: not put to the hall.
    const own = await c.callOk('worklist.start', { programme: 'longevity-80', area: AREA });
    expect(own.state).toBe('ready');
    expect((await hall.pool.query('SELECT count(*) AS n FROM worklists WHERE id = $1', [own.id])).rows[0].n).toBe('0');
  });

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
