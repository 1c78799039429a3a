import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { TaskView } from '../../../electron/api/types';
import { newPairingCode } from '../../../hall/auth';
import { startHall, type HallServer } from '../../../hall/server';
import { makeCore, type Fixture } from '../core';
import { startTestSandbox, type TestSandbox } from '../sandbox';
import { startTestPg } from './pg';
import { startSwitchProxy } from './switch-proxy';

/**
 * The station of the shared-worklist tests: two terminals of 和平街道 (A, B) and one of another
 * street (C), each a whole booted terminal with its own SQLite, paired with one hall on real
 * PostgreSQL. A reaches the hall through its own proxy, B and C through another, so the hall can
 * go away for every terminal (`hallDown`) or for A alone (`proxyA.down()`) while B still works the
 * same tasks. `useStationTerminals()` starts them for the calling test file; the bindings below
 * are live, set once it has.
 */
export const AREA = '110901001';
export let hall: HallServer;
export let proxy: Awaited<ReturnType<typeof startSwitchProxy>>;
export let proxyA: Awaited<ReturnType<typeof startSwitchProxy>>;
export let sandbox: TestSandbox;
export let a: Fixture, b: Fixture, c: Fixture;
export const hallDown = () => (proxy.down(), proxyA.down());
export const hallUp = () => (proxy.up(), proxyA.up());

export function useStationTerminals(): void {
  let pgs: Awaited<ReturnType<typeof startTestPg>>;
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
}

/** The hall's own rows of a worklist's tasks. */
export const hallTasks = async (id: string) =>
  (await hall.pool.query('SELECT seq, state, version FROM worklist_tasks WHERE worklist_id = $1 ORDER BY seq', [id]))
    .rows as { seq: number; state: string; version: number }[];
export const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
export const taskAt = async (f: Fixture, id: string, seq: number): Promise<TaskView> =>
  (await f.callOk('worklist.view', { id })).tasks.find((t) => t.seq === seq)!;
