import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/db/open';
import { ACTION_EVENTS } from '../../../electron/services/hall/actions';
import { tailBehind } from '../../../electron/services/hall/tailer';
import { newPairingCode } from '../../../hall/auth';
import { startHall, type HallServer } from '../../../hall/server';
import { startTestPg } from '../../helpers/hall/pg';
import { hostEnv } from '../../helpers/host-case';
import { startHostProcess, type HostProcess } from '../../helpers/host-process';
import { rng, testSeed } from '../../helpers/rng';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { until } from '../../helpers/until';

/**
 * A real terminal (the built web host as its own process, training mode against the sandbox)
 * paired with a real hall (PostgreSQL), SIGKILLed KILLS times (default 30) while it makes cases and
 * its audit tailer turns them into hall events, restarted on the same data each time. Afterwards
 * every event the terminal queued is at the hall once, seq 1…n, no gap recorded, and every case
 * with an item was opened at the hall exactly once. Seeded (TEST_SEED replays the kill timings).
 * Needs `npm run build`.
 */
const KILLS = Number(process.env.TERMINAL_KILLS ?? 30);
const seed = testSeed('hall terminal sigkill');
const NAMES = ['张建国', '李秀英', '钱秀兰'];
let pgs: Awaited<ReturnType<typeof startTestPg>>;
let hall: HallServer;
let sandbox: TestSandbox;
let env: Record<string, string>;
const hosts: HostProcess[] = [];

beforeAll(async () => {
  [pgs, sandbox] = await Promise.all([startTestPg(), startTestSandbox()]);
  hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
  env = hostEnv({ sandbox, hall: { id: 'KILL13', name: '大厅同步演练' }, counter: 'W9' });
}, 120_000);
afterAll(async () => {
  for (const h of hosts) if (h.proc.exitCode === null && h.proc.signalCode === null) h.proc.kill('SIGKILL');
  await hall?.close();
  await sandbox?.stop();
  await pgs?.stop();
});

async function boot(): Promise<HostProcess> {
  const h = await startHostProcess(env);
  hosts.push(h);
  return h;
}
async function signIn(h: HostProcess, userId: string): Promise<void> {
  const r = await h.call('auth.signIn', { userId, password: 'training-123' });
  expect(r.ok, JSON.stringify(r)).toBe(true);
}
const sigkill = (h: HostProcess) =>
  new Promise<void>((res) => {
    if (h.proc.exitCode !== null || h.proc.signalCode !== null) return res();
    h.proc.once('exit', () => res());
    h.proc.kill('SIGKILL');
  });

/** Places a resident's card and waits for a new case; chooses the item unless told not to. */
async function makeCase(h: HostProcess, name: string, seen: Set<string>): Promise<void> {
  const cards = await h.callOk('training.cards');
  const card = cards.cards.find((c) => c.name === name)!;
  if (cards.placed && cards.placed !== card.id) await h.call('training.toggleCard', { id: cards.placed });
  if (cards.placed !== card.id) await h.call('training.toggleCard', { id: card.id });
  let last: Awaited<ReturnType<typeof h.callOk<'case.current'>>> = null;
  const c = await until(
    'a new case with licenses',
    async () => {
      const v = await h.callOk('case.current');
      last = v;
      return v && !seen.has(v.caseId) && v.registry.state === 'done' ? v : null;
    },
    { timeoutMs: 15_000, stepMs: 20 },
  ).catch(async (e: Error) => {
    throw new Error(
      `${e.message}; current: ${JSON.stringify(last && { id: last.caseId, state: last.state, registry: last.registry.state })}, cards: ${JSON.stringify({ placed: cards.placed, plugged: cards.plugged, after: await h.callOk('training.cards').then((x) => [x.placed, x.plugged]) })}, seen ${seen.size}`,
    );
  });
  seen.add(c.caseId);
  await h.call('case.chooseItem', { caseId: c.caseId, itemCode: 'household-verification' });
  // The print is the case's first step the hall counts: the tailer then sends opened, checked, issued, printed.
  // The print is the case's first step the hall counts: the tailer then sends opened, checked, issued,
  // printed at its next tick (150 ms). The card stays on the reader: the kill comes next, and the
  // restarted host starts with no card.
  await h.call('case.print', { caseId: c.caseId });
}

it(
  `every event at the hall exactly once after ${KILLS} SIGKILLs of the terminal mid-tail`,
  { timeout: 360_000 },
  async () => {
    console.info(`hall terminal sigkill: seed ${seed}`);
    const r = rng(seed);
    let h = await boot();
    await signIn(h, 'demo-admin');
    expect(await h.callOk('hall.pair', { url: hall.url, code: await newPairingCode(hall.pool) })).toMatchObject({
      paired: true,
    });
    const terminalId = (await h.callOk('hall.link')).terminalId!;
    await h.callOk('auth.signOut');
    const seen = new Set<string>();
    const dbFile = join(env.COUNTER_DATA_DIR!, 'counter.db');
    let behindAtKill = 0;
    const started = Date.now();
    for (let i = 0; i < KILLS; i++) {
      await signIn(h, 'demo-clerk');
      // One or two cases, then the kill a random moment later: mostly while the tailer still owes
      // the hall their events (its 150 ms tick), sometimes mid-request.
      await makeCase(h, NAMES[seen.size % NAMES.length]!, seen);
      await new Promise((res) => setTimeout(res, Math.floor(r() * 200)));
      const probe = openDatabase(dbFile, { readonly: true });
      if (tailBehind(probe)) behindAtKill += 1;
      probe.close();
      await sigkill(h);
      h = await boot();
    }
    const wall = Date.now() - started;
    // The last host finishes the tail and delivers what is owed.
    const db = openDatabase(dbFile, { readonly: true });
    const receiver = `hall:${terminalId}`;
    const owed = () =>
      tailBehind(db) ||
      (db
        .prepare("SELECT COUNT(*) FROM outbox WHERE receiver = ? AND state != 'delivered'")
        .pluck()
        .get(receiver) as number) > 0;
    await until('the tail caught up and the outbox delivered', () => !owed(), { timeoutMs: 30_000, stepMs: 100 });
    const keys = db.prepare('SELECT key FROM outbox WHERE receiver = ? ORDER BY seq').pluck().all(receiver) as string[];
    const actions = Object.keys(ACTION_EVENTS);
    const itemCases = db
      .prepare(
        `SELECT DISTINCT a.case_id FROM audit_log a JOIN cases c ON c.id = a.case_id
        WHERE c.item_code IS NOT NULL AND a.action IN (${actions.map(() => '?').join(', ')})`,
      )
      .pluck()
      .all(...actions) as string[];
    db.close();
    const rows = (
      await hall.pool.query('SELECT seq, msg_key FROM events WHERE terminal_id = $1 ORDER BY seq', [terminalId])
    ).rows.map((x) => [Number(x.seq), x.msg_key as string]);
    expect(rows, `seed ${seed}`).toEqual(keys.map((k, i) => [i + 1, k]));
    const gaps = await hall.pool.query('SELECT COUNT(*) AS n FROM sync_gaps WHERE terminal_id = $1', [terminalId]);
    expect(Number(gaps.rows[0].n), `seed ${seed}`).toBe(0);
    // From the audit log's side: each case with an item opened at the hall once, no other case.
    const opened = await hall.pool.query(
      "SELECT case_id, COUNT(*) AS n FROM events WHERE terminal_id = $1 AND kind = 'opened' GROUP BY case_id",
      [terminalId],
    );
    expect(Object.fromEntries(opened.rows.map((x) => [x.case_id, Number(x.n)])), `seed ${seed}`).toEqual(
      Object.fromEntries(itemCases.map((c) => [c, 1])),
    );
    const accepted = await hall.pool.query('SELECT COUNT(*) AS n FROM cases WHERE terminal_id = $1', [terminalId]);
    expect(Number(accepted.rows[0].n)).toBe(itemCases.length);
    console.info(
      `hall terminal sigkill: ${KILLS} kills in ${wall} ms, ${itemCases.length} cases, ${keys.length} events; ` +
        `tail behind at ${behindAtKill} kills`,
    );
    expect(itemCases.length).toBeGreaterThanOrEqual(KILLS);
    // The kills must land while the tail owed something often enough to mean anything.
    expect(behindAtKill, `seed ${seed}`).toBeGreaterThanOrEqual(KILLS / 5);
    await sigkill(h);
  },
);
