import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../hall/db/migrate';
import { sealer } from '../../../hall/pool';
import {
  CLAIM_MS,
  TaskConflict,
  claimTask,
  putWorklist,
  stepTask,
  stepTaskOnce,
  worklistTasks,
} from '../../../hall/worklists';
import { newPairingCode, revoke, setTerminalArea, terminalsWithoutArea } from '../../../hall/auth';
import { startHall } from '../../../hall/server';
import { hallClient, pairWithHall, HallCallError } from '../../../electron/services/hall/client';
import { startTestPg, testPool } from '../../helpers/hall/pg';

/**
 * A worklist shared through the hall (docs/worklists.md, PG migration 005): the persons are sealed
 * at rest, a put is idempotent, and claims and steps are compare-and-set: of two terminals racing
 * for a task one wins and the other is told the task as the hall has it.
 */
describe('hall worklists on a real PostgreSQL', () => {
  let pgs: Awaited<ReturnType<typeof startTestPg>>;
  let pool: pg.Pool;
  const s = sealer(randomBytes(32));
  const id = 'WL-HALL01-20261201-001';
  const person = JSON.stringify({ idNumber: '110901196101152816', name: '陈德福' });
  const hash = 'ab'.repeat(16);
  const AREA = '110901001';
  const T1 = { terminalId: 'T1', area: AREA };
  const T2 = { terminalId: 'T2', area: AREA };
  const of = (t: string) => (t === 'T1' ? T1 : T2);

  beforeAll(async () => {
    pgs = await startTestPg();
    pool = testPool(await pgs.freshDb());
    await migrate(pool);
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await pgs?.stop();
  });

  it('puts once, seals the person, and shares only within the area', async () => {
    const w = {
      id,
      area: '110901001',
      programme: 'senior-card-65',
      itemCode: 'senior-card',
      asOf: '2026-12-01',
      tasks: [
        { seq: 1, personHash: hash, person, state: 'to-contact' },
        { seq: 2, personHash: 'cd'.repeat(16), person: '{"name":"x"}', state: 'to-contact' },
      ],
    };
    expect(await putWorklist(pool, s, T1, w)).toBe(2);
    expect(await putWorklist(pool, s, T1, w)).toBe(0); // a retry adds nothing
    const raw = JSON.stringify((await pool.query('SELECT * FROM worklist_tasks')).rows);
    expect(raw).not.toContain('110901196101152816');
    expect(raw).not.toContain('陈德福');
    const tasks = await worklistTasks(pool, s, T1, { id, area: '110901001' });
    expect(tasks.map((t) => [t.seq, t.state, t.version])).toEqual([
      [1, 'to-contact', 0],
      [2, 'to-contact', 0],
    ]);
    expect(tasks[0]!.person).toBe(person);
    // Another area's call is refused, and a terminal paired for another area does not see it either.
    await expect(worklistTasks(pool, s, T1, { id, area: '110902001' })).rejects.toThrow('HALL_AREA_REFUSED');
    const other = { terminalId: 'T9', area: '110902001' };
    await expect(worklistTasks(pool, s, other, { id, area: '110902001' })).rejects.toThrow('HALL_NOT_FOUND');
    await expect(claimTask(pool, s, other, { id, seq: 1, version: 0 })).rejects.toThrow('HALL_AREA_REFUSED');
    await expect(putWorklist(pool, s, other, w)).rejects.toThrow('HALL_AREA_REFUSED');
    await expect(putWorklist(pool, s, { terminalId: 'T0', area: null }, w)).rejects.toThrow('HALL_AREA_REFUSED');
    await expect(putWorklist(pool, s, T1, { ...w, id: 'not-a-number' })).rejects.toThrow('HALL_BAD_QUERY');
  });

  it('two terminals race for a task: one claim wins, the other sees the winner', async () => {
    const results = await Promise.allSettled([
      claimTask(pool, s, T1, { id, seq: 1, version: 0 }),
      claimTask(pool, s, T2, { id, seq: 1, version: 0 }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won.length).toBe(1);
    expect(lost.length).toBe(1);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof claimTask>>>).value;
    const conflict = (lost[0] as PromiseRejectedResult).reason as TaskConflict;
    expect(conflict).toBeInstanceOf(TaskConflict);
    expect(conflict.current.claimedBy).toBe(winner.claimedBy);
    expect(conflict.current.version).toBe(1);
    const loser = winner.claimedBy === 'T1' ? 'T2' : 'T1';

    // The loser cannot step it even at the current version (it holds no claim); the winner can.
    await expect(
      stepTask(pool, s, of(loser), { id, seq: 1, version: 1, step: 'reached', state: 'reached', byUser: 'u2' }),
    ).rejects.toBeInstanceOf(TaskConflict);
    const reached = await stepTask(pool, s, of(winner.claimedBy!), {
      id,
      seq: 1,
      version: 1,
      step: 'reached',
      state: 'reached',
      byUser: 'u1',
      note: '电话联系',
    });
    expect([reached.state, reached.version, reached.claimedBy]).toEqual(['reached', 2, null]);
    // A stale version is refused with the current task.
    await expect(claimTask(pool, s, of(loser), { id, seq: 1, version: 1 })).rejects.toMatchObject({
      current: { state: 'reached', version: 2 },
    });
    const steps = await pool.query('SELECT step, by_user, terminal_id FROM worklist_steps WHERE seq = 1');
    expect(steps.rows).toEqual([{ step: 'reached', by_user: 'u1', terminal_id: winner.claimedBy }]);
  });

  it('an expired claim can be taken over, and the old holder can no longer step', async () => {
    const t0 = Date.now();
    const a = await claimTask(pool, s, T1, { id, seq: 2, version: 0 }, t0);
    await expect(claimTask(pool, s, T2, { id, seq: 2, version: a.version }, t0 + 1000)).rejects.toBeInstanceOf(
      TaskConflict,
    );
    const b = await claimTask(pool, s, T2, { id, seq: 2, version: a.version }, t0 + CLAIM_MS + 1);
    expect(b.claimedBy).toBe('T2');
    await expect(
      stepTask(pool, s, T1, { id, seq: 2, version: b.version, step: 'reached', state: 'reached', byUser: 'u1' }),
    ).rejects.toBeInstanceOf(TaskConflict);
    const since = b.updatedMs;
    const done = await stepTask(
      pool,
      s,
      T2,
      { id, seq: 2, version: b.version, step: 'reached', byUser: 'u2' },
      t0 + CLAIM_MS + 2,
    );
    expect(done.state).toBe('reached');
    const changed = await worklistTasks(pool, s, T1, { id, area: '110901001', sinceMs: since });
    expect(changed.map((t) => t.seq)).toEqual([2]);
  });

  it('a step recorded while the hall was down: claimed and taken in one, once per step id (PG 008)', async () => {
    const wl = 'WL-HALL01-20261201-009';
    await putWorklist(pool, s, T1, {
      id: wl,
      area: AREA,
      programme: 'senior-card-65',
      itemCode: 'senior-card',
      asOf: '2026-12-01',
      tasks: [{ seq: 1, personHash: 'ef'.repeat(16), person, state: 'to-contact' }],
    });
    const t0 = Date.now();
    const held = await claimTask(pool, s, T2, { id: wl, seq: 1, version: 0 }, t0);
    const step = { id: wl, seq: 1, step: 'reached', byUser: 'u1', stepId: 'sT1-0001-reached', claim: true };
    // At the version it recorded (0): T2 moved the task since (its claim), so it is a conflict.
    await expect(stepTaskOnce(pool, s, T1, { ...step, version: 0 }, t0 + 1)).rejects.toBeInstanceOf(TaskConflict);
    // At the current version but under T2's live claim: a conflict too.
    await expect(stepTaskOnce(pool, s, T1, { ...step, version: held.version }, t0 + 2)).rejects.toBeInstanceOf(
      TaskConflict,
    );
    // T2's claim lapsed: taken, the claim and the step in one; sent again, answered and not taken twice.
    const later = t0 + CLAIM_MS + 1;
    const first = await stepTaskOnce(pool, s, T1, { ...step, version: held.version }, later);
    expect([first.repeated, first.task.state, first.task.version, first.task.claimedBy]).toEqual([
      false,
      'reached',
      held.version + 1,
      null,
    ]);
    expect(first.versionAfter).toBe(held.version + 1);
    const again = await stepTaskOnce(pool, s, T1, { ...step, version: held.version }, later + 1);
    expect([again.repeated, again.task.version, again.versionAfter]).toEqual([
      true,
      held.version + 1,
      held.version + 1,
    ]);
    const rows = await pool.query('SELECT step, terminal_id, step_id FROM worklist_steps WHERE worklist_id = $1', [wl]);
    expect(rows.rows).toEqual([{ step: 'reached', terminal_id: 'T1', step_id: 'sT1-0001-reached' }]);
    // The id is the terminal's own: another terminal's same id is not a repeat (and is refused by the rules here).
    await expect(
      stepTaskOnce(pool, s, T2, { ...step, step: 'deliver', version: held.version + 1 }, later + 2),
    ).rejects.toMatchObject({ code: 'HALL_TASK_STEP', params: { state: 'reached', step: 'deliver' } });
    // Without `claim` the step still needs a claim held; a malformed id is refused.
    await expect(
      stepTask(pool, s, T1, { ...step, claim: undefined, stepId: 'sT1-0002-confirm', step: 'confirm', version: 2 }),
    ).rejects.toBeInstanceOf(TaskConflict);
    await expect(stepTaskOnce(pool, s, T1, { ...step, stepId: 'x', version: 2 })).rejects.toThrow('HALL_BAD_QUERY');

    // T1's own claim at 2, its answer lost: T1 queued its step at 2; the hall, at 3 under T1's claim, takes it.
    const mine = await claimTask(pool, s, T1, { id: wl, seq: 1, version: 2 });
    expect(mine.version).toBe(3);
    const confirm = { ...step, step: 'confirm', stepId: 'sT1-0003-confirm', version: 2 };
    const taken = await stepTaskOnce(pool, s, T1, confirm);
    expect([taken.task.state, taken.task.version, taken.versionAfter]).toEqual(['confirmed', 4, 4]);
    // Not so for another terminal's claim at that version, nor two versions on.
    const c2 = await claimTask(pool, s, T2, { id: wl, seq: 1, version: 4 });
    await expect(
      stepTaskOnce(pool, s, T1, { ...step, step: 'declined', stepId: 'sT1-0005-declined', version: c2.version - 1 }),
    ).rejects.toBeInstanceOf(TaskConflict);
    await expect(
      stepTaskOnce(pool, s, T2, { ...step, step: 'declined', stepId: 'sT2-0005-declined', version: c2.version - 2 }),
    ).rejects.toBeInstanceOf(TaskConflict);
  });

  it('over signed HTTP: two paired terminals share a worklist, the second claim gets 409 with the task', async () => {
    const hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
    try {
      const a = hallClient(await pairWithHall(hall.url, await newPairingCode(hall.pool), 'station 1', AREA));
      const b = hallClient(await pairWithHall(hall.url, await newPairingCode(hall.pool, AREA), 'station 2', AREA));
      // A code issued for this station cannot pair a terminal of another one.
      await expect(
        pairWithHall(hall.url, await newPairingCode(hall.pool, AREA), 'elsewhere', '110902001'),
      ).rejects.toMatchObject({ status: 401 });
      const far = await pairWithHall(hall.url, await newPairingCode(hall.pool), 'elsewhere', '110902001');
      expect(far.area).toBe('110902001');
      const c = hallClient(far);
      const none = hallClient(await pairWithHall(hall.url, await newPairingCode(hall.pool), 'no station'));
      const wid = 'WL-HALL01-20261201-002';
      const put = { id: wid, area: '110901001', programme: 'p', itemCode: 'I1', asOf: '2026-12-01' };
      expect(
        (await a.worklistPut({ ...put, tasks: [{ seq: 1, personHash: hash, person, state: 'to-contact' }] })).added,
      ).toBe(1);
      const seen = (await b.worklistTasks({ id: wid, area: '110901001' })).tasks;
      expect(seen[0]!.person).toBe(person);
      expect((await b.worklistList(AREA)).worklists).toMatchObject([{ id: wid, counts: { 'to-contact': 1 } }]);
      // The other station's terminal is refused whatever area it names; one with no area too.
      for (const [cl, area] of [
        [c, AREA],
        [c, '110902001'],
        [none, AREA],
      ] as const) {
        const r = await cl.worklistTasks({ id: wid, area }).catch((e: unknown) => e);
        expect(r, `${area}`).toBeInstanceOf(HallCallError);
        expect((r as HallCallError).status).toBeGreaterThanOrEqual(403);
      }
      expect(await c.worklistClaim({ id: wid, seq: 1, version: 0 }).catch((e: HallCallError) => e.code)).toBe(
        'HALL_AREA_REFUSED',
      );
      expect((await c.worklistList('110902001')).worklists).toEqual([]);
      // The terminal with no station is given one at the hall's console, once, and then shares.
      const noneId = (await terminalsWithoutArea(hall.pool)).map((t) => t.id);
      expect(noneId).toHaveLength(1);
      await expect(setTerminalArea(hall.pool, noneId[0]!, '11090')).rejects.toThrow('not an area code');
      expect(await setTerminalArea(hall.pool, noneId[0]!, AREA)).toBe('set');
      expect(await setTerminalArea(hall.pool, noneId[0]!, '110902001')).toBe('has-area');
      expect(await setTerminalArea(hall.pool, far.terminalId, AREA)).toBe('has-area');
      expect(await setTerminalArea(hall.pool, 't-nobody', AREA)).toBe('no-such-terminal');
      expect(await terminalsWithoutArea(hall.pool)).toEqual([]);
      expect((await none.worklistTasks({ id: wid, area: AREA })).tasks[0]!.person).toBe(person);
      const gone = await pairWithHall(hall.url, await newPairingCode(hall.pool), 'revoked, no station');
      expect(await revoke(hall.pool, gone.terminalId)).toBe(true);
      expect(await setTerminalArea(hall.pool, gone.terminalId, AREA)).toBe('no-such-terminal');
      expect(await terminalsWithoutArea(hall.pool)).toEqual([]);
      const claimed = await a.worklistClaim({ id: wid, seq: 1, version: 0, byUser: 'u1' });
      expect(claimed.task).toMatchObject({ claimedByName: 'station 1', claimedUser: 'u1' });
      const lost = await b.worklistClaim({ id: wid, seq: 1, version: 0 }).catch((e: unknown) => e);
      expect(lost).toBeInstanceOf(HallCallError);
      expect(lost).toMatchObject({ status: 409, code: 'HALL_TASK_CONFLICT', retryable: false });
      expect((lost as HallCallError).params.task).toMatchObject({ version: 1, claimedBy: claimed.task.claimedBy });
      const step = await a.worklistStep({
        id: wid,
        seq: 1,
        version: 1,
        step: 'reached',
        state: 'reached',
        byUser: 'u1',
      });
      expect(step.task).toMatchObject({ state: 'reached', version: 2 });
      expect(step.task.last).toMatchObject({ step: 'reached', byUser: 'u1', terminal: 'station 1' });
      // A step the rules forbid (deliver before any output) is refused by the hall itself, even
      // from the terminal holding the claim at the right version; the task is left as it was.
      await a.worklistClaim({ id: wid, seq: 1, version: 2 });
      const bad = await a
        .worklistStep({ id: wid, seq: 1, version: 3, step: 'deliver', byUser: 'u1' })
        .catch((e: unknown) => e);
      expect(bad).toMatchObject({ status: 409, code: 'HALL_TASK_STEP', params: { state: 'reached', step: 'deliver' } });
      const lying = await a
        .worklistStep({ id: wid, seq: 1, version: 3, step: 'confirm', state: 'delivered', byUser: 'u1' })
        .catch((e: unknown) => e);
      expect(lying).toMatchObject({ status: 409, code: 'HALL_TASK_STEP' });
      const after = (await a.worklistTasks({ id: wid, area: AREA })).tasks[0]!;
      expect([after.state, after.version]).toEqual(['reached', 3]);
      expect((await a.worklistStep({ id: wid, seq: 1, version: 3, step: 'confirm', byUser: 'u1' })).task.state).toBe(
        'confirmed',
      );
      await expect(b.worklistTasks({ id: wid, area: '110902001' })).rejects.toMatchObject({
        status: 403,
        code: 'HALL_AREA_REFUSED',
      });
    } finally {
      await hall.close();
    }
  });
});
