import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/db/open';
import type { SandboxHandle } from '../../../sandbox/server';
import type { DepartmentFaultsInput } from '../../../sandbox/department/faults';
import { received, startDepartment } from '../../helpers/outbox/department';
import { rng, testSeed } from '../../helpers/rng';

const ROOT = resolve(__dirname, '../../..');
const WORKER = join(ROOT, 'tests/integration/outbox/crash-worker.ts');
const LANES = 3; // each with its own database and department, killed in parallel
const KILLS_PER_LANE = 18;
const KEY = randomBytes(32);
const seed = testSeed('outbox-crash');
const random = rng(seed);

/** What the department does during one run: the down, slow and 500, plus a lost answer. */
const FAULTS: Array<[string, DepartmentFaultsInput]> = [
  ['none', {}],
  ['down', { down: true }],
  ['slow', { latencyMs: 250 }],
  ['too-slow', { latencyMs: 600 }], // past the worker's 400 ms timeout: recorded there, unacknowledged here
  ['500', { errorRate: 0.5 }],
  ['lost-answer', { lostAnswerRate: 0.5 }],
];

const dir = mkdtempSync(join(tmpdir(), 'outbox-crash-'));
// Bundled once to plain JS (next to node_modules, so better-sqlite3 resolves): each of the ~60
// starts then costs ~0.1 s instead of tsx's ~0.6 s of CPU on a shared machine.
const BUNDLE = join(ROOT, 'node_modules', '.cache', `outbox-crash-worker-${process.pid}.cjs`);
beforeAll(async () => {
  await build({
    entryPoints: [WORKER],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: BUNDLE,
    external: ['better-sqlite3'],
    logLevel: 'error',
  });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(BUNDLE, { force: true });
});

interface Run {
  lines: string[];
  killed: boolean;
}

function run(file: string, url: string, killAfterMs: number | 'drain'): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BUNDLE, file, url, ...(killAfterMs === 'drain' ? ['--drain'] : [])], {
      cwd: ROOT,
      env: { ...process.env, OUTBOX_TEST_KEY: KEY.toString('hex') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      const first = out === '';
      out += b.toString('utf8');
      if (first && killAfterMs !== 'drain') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return fail(new Error(`worker exited with ${code}: ${stderr}`));
      // A torn last line is not an acknowledgement.
      done({ lines: out.split('\n').slice(0, -1), killed: signal === 'SIGKILL' });
    });
  });
}

async function lane(n: number, dept: SandboxHandle) {
  const file = join(dir, `lane-${n}.db`);
  const committed = new Set<string>();
  const delivered = new Set<string>();
  let kills = 0;
  let killedInFlight = 0;
  let killedAnswered = 0;
  const faultsSeen = new Set<string>();
  for (let i = 0; i < KILLS_PER_LANE; i++) {
    const [name, faults] = FAULTS[Math.floor(random() * FAULTS.length)]!;
    faultsSeen.add(name);
    dept.department.setFaults(faults);
    const r = await run(file, dept.url, Math.floor(random() * 400));
    if (r.killed) kills++;
    // The last thing each message did before the kill.
    const lastOf = new Map<string, string>();
    for (const l of r.lines) {
      const [what, key] = l.split(' ');
      if (!key) continue;
      lastOf.set(key, what!);
      if (what === 'committed') committed.add(key);
      if (what === 'delivered') delivered.add(key);
    }
    // Killed with a request on the wire, or answered but the acknowledgement not yet recorded: the hard cases.
    const states = [...lastOf.values()];
    if (r.killed && states.includes('sending')) killedInFlight++;
    if (r.killed && states.includes('answered')) killedAnswered++;
  }
  dept.department.setFaults({});
  await run(file, dept.url, 'drain');
  return { file, committed, delivered, kills, killedInFlight, killedAnswered, faultsSeen };
}

describe('outbox survives SIGKILL between case commit and department acknowledgement', () => {
  it(`every committed submission reaches the department exactly once (${LANES * KILLS_PER_LANE} kills, seed ${seed})`, async () => {
    const depts = await Promise.all(Array.from({ length: LANES }, () => startDepartment()));
    try {
      const lanes = await Promise.all(depts.map((d, i) => lane(i, d)));
      const kills = lanes.reduce((s, l) => s + l.kills, 0);
      const inFlight = lanes.reduce((s, l) => s + l.killedInFlight, 0);
      const answered = lanes.reduce((s, l) => s + l.killedAnswered, 0);
      console.log(
        `[outbox-crash] seed ${seed}: ${kills} kills, ${inFlight} with a request on the wire, ${answered} between the answer and its record; faults ${[...new Set(lanes.flatMap((l) => [...l.faultsSeen]))].join(', ')}`,
      );
      expect(kills, `seed ${seed}`).toBeGreaterThanOrEqual(50);
      expect(inFlight, `seed ${seed}: no kill landed with a request on the wire`).toBeGreaterThan(0);

      let duplicatesAbsorbed = 0;
      for (const [i, l] of lanes.entries()) {
        const db = openDatabase(l.file);
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          const rows = db.prepare("SELECT key, state, case_id FROM outbox WHERE kind = 'submission'").all() as Array<{
            key: string;
            state: string;
            case_id: string;
          }>;
          const inDb = new Map(rows.map((r) => [r.key, r]));
          // Nothing acknowledged as committed is lost, and its case committed with it.
          for (const k of l.committed) expect(inDb.has(k), `seed ${seed}: committed ${k} missing`).toBe(true);
          const caseOf = db.prepare('SELECT count(*) FROM cases WHERE id = ?').pluck();
          for (const r of rows)
            expect(caseOf.get(r.case_id), `seed ${seed}: message ${r.key} without its case`).toBe(1);
          // …and the other way round: no case committed without the submission it owes.
          expect(
            db
              .prepare('SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id)')
              .pluck()
              .get(),
            `seed ${seed}`,
          ).toBe(0);
          // After the clean drain every message is delivered.
          expect(
            rows.filter((r) => r.state !== 'delivered').map((r) => r.key),
            `seed ${seed}`,
          ).toEqual([]);
          const at = await received(depts[i]!.url);
          const atDept = new Map(at.submissions.map((s) => [s.submissionId, s]));
          // Exactly once as the department sees it: one record per message, none unknown to the terminal.
          expect(at.submissions.length, `seed ${seed}`).toBe(rows.length);
          expect(at.totals.created, `seed ${seed}`).toBe(rows.length);
          for (const r of rows)
            expect(atDept.has(r.key), `seed ${seed}: ${r.key} never reached the department`).toBe(true);
          expect(at.totals.conflicts, `seed ${seed}`).toBe(0);
          duplicatesAbsorbed += at.totals.duplicates ?? 0;
        } finally {
          db.close();
        }
      }
      // Redeliveries happened (kills in flight, lost answers) and the key absorbed every one.
      expect(duplicatesAbsorbed, `seed ${seed}`).toBeGreaterThan(0);
    } finally {
      await Promise.all(depts.map((d) => d.close()));
    }
  }, 180_000);
});
