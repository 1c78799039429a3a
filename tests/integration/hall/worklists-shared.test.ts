import { describe, expect, it } from 'vitest';
import type { TaskView } from '../../../electron/api/types';
import { HallCallError } from '../../../electron/services/hall/client';
import type { Fixture } from '../../helpers/core';
import {
  AREA,
  a,
  b,
  c,
  codeOf,
  hall,
  hallTasks,
  taskAt,
  useStationTerminals,
} from '../../helpers/hall/station-terminals';
import { until } from '../../helpers/until';

/**
 * Issue 14 §1, "with a hall server, a worklist is shared by the station's terminals", with the
 * hall up (the station: tests/helpers/hall/station-terminals.ts). B sees and works the worklist A
 * built; racing to confirm and to print the same task, exactly one wins and the other is told
 * WORKLIST_TASK_TAKEN with who holds it; the card is printed once; delivery is recorded at the
 * terminal that did not print. C is refused; a step the rules forbid is refused by the hall
 * itself. The hall down: worklists-offline.test.ts.
 */
useStationTerminals();

describe('a worklist shared by the station terminals through the hall', () => {
  let id = '';

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
});
