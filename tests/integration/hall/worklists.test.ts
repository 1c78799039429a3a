import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../hall/db/migrate';
import { sealer } from '../../../hall/pool';
import { CLAIM_MS, TaskConflict, claimTask, putWorklist, stepTask, worklistTasks } from '../../../hall/worklists';
import { newPairingCode } from '../../../hall/auth';
import { startHall } from '../../../hall/server';
import { hallClient, pairWithHall, HallCallError } from '../../../electron/services/hall/client';
import { startTestPg } from '../../helpers/hall/pg';

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

  beforeAll(async () => {
    pgs = await startTestPg();
    pool = new pg.Pool({ connectionString: await pgs.freshDb() });
    // As the hall server does: an idle client the server drops (its shutdown) is logged, not thrown.
    pool.on('error', (e) => console.warn('[hall worklists] idle database client:', e.message));
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
    expect(await putWorklist(pool, s, 'T1', w)).toBe(2);
    expect(await putWorklist(pool, s, 'T1', w)).toBe(0); // a retry adds nothing
    const raw = JSON.stringify((await pool.query('SELECT * FROM worklist_tasks')).rows);
    expect(raw).not.toContain('110901196101152816');
    expect(raw).not.toContain('陈德福');
    const tasks = await worklistTasks(pool, s, { id, area: '110901001' });
    expect(tasks.map((t) => [t.seq, t.state, t.version])).toEqual([
      [1, 'to-contact', 0],
      [2, 'to-contact', 0],
    ]);
    expect(tasks[0]!.person).toBe(person);
    await expect(worklistTasks(pool, s, { id, area: '110902001' })).rejects.toThrow('HALL_NOT_FOUND');
    await expect(putWorklist(pool, s, 'T1', { ...w, id: 'not-a-number' })).rejects.toThrow('HALL_BAD_QUERY');
  });

  it('two terminals race for a task: one claim wins, the other sees the winner', async () => {
    const results = await Promise.allSettled([
      claimTask(pool, s, 'T1', { id, seq: 1, version: 0 }),
      claimTask(pool, s, 'T2', { id, seq: 1, version: 0 }),
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
      stepTask(pool, s, loser, { id, seq: 1, version: 1, step: 'reached', state: 'reached', byUser: 'u2' }),
    ).rejects.toBeInstanceOf(TaskConflict);
    const reached = await stepTask(pool, s, winner.claimedBy!, {
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
    await expect(claimTask(pool, s, loser, { id, seq: 1, version: 1 })).rejects.toMatchObject({
      current: { state: 'reached', version: 2 },
    });
    const steps = await pool.query('SELECT step, by_user, terminal_id FROM worklist_steps WHERE seq = 1');
    expect(steps.rows).toEqual([{ step: 'reached', by_user: 'u1', terminal_id: winner.claimedBy }]);
  });

  it('an expired claim can be taken over, and the old holder can no longer step', async () => {
    const t0 = Date.now();
    const a = await claimTask(pool, s, 'T1', { id, seq: 2, version: 0 }, t0);
    await expect(claimTask(pool, s, 'T2', { id, seq: 2, version: a.version }, t0 + 1000)).rejects.toBeInstanceOf(
      TaskConflict,
    );
    const b = await claimTask(pool, s, 'T2', { id, seq: 2, version: a.version }, t0 + CLAIM_MS + 1);
    expect(b.claimedBy).toBe('T2');
    await expect(
      stepTask(pool, s, 'T1', { id, seq: 2, version: b.version, step: 'confirm', state: 'confirmed', byUser: 'u1' }),
    ).rejects.toBeInstanceOf(TaskConflict);
    const since = b.updatedMs;
    const done = await stepTask(
      pool,
      s,
      'T2',
      { id, seq: 2, version: b.version, step: 'confirm', state: 'confirmed', byUser: 'u2' },
      t0 + CLAIM_MS + 2,
    );
    expect(done.state).toBe('confirmed');
    const changed = await worklistTasks(pool, s, { id, area: '110901001', sinceMs: since });
    expect(changed.map((t) => t.seq)).toEqual([2]);
  });

  it('over signed HTTP: two paired terminals share a worklist, the second claim gets 409 with the task', async () => {
    const hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
    try {
      const a = hallClient(await pairWithHall(hall.url, await newPairingCode(hall.pool), 'station 1'));
      const b = hallClient(await pairWithHall(hall.url, await newPairingCode(hall.pool), 'station 2'));
      const wid = 'WL-HALL01-20261201-002';
      const put = { id: wid, area: '110901001', programme: 'p', itemCode: 'I1', asOf: '2026-12-01' };
      expect(
        (await a.worklistPut({ ...put, tasks: [{ seq: 1, personHash: hash, person, state: 'to-contact' }] })).added,
      ).toBe(1);
      const seen = (await b.worklistTasks({ id: wid, area: '110901001' })).tasks as { person: string }[];
      expect(seen[0]!.person).toBe(person);
      const claimed = await a.worklistClaim({ id: wid, seq: 1, version: 0 });
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
      await expect(b.worklistTasks({ id: wid, area: '110902001' })).rejects.toMatchObject({ status: 404 });
    } finally {
      await hall.close();
    }
  });
});
