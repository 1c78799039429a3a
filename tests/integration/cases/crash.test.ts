import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getCase, listInterrupted } from '../../../electron/services/cases';
import { createCipher } from '../../../electron/services/crypto';
import { openDatabase } from '../../../electron/services/db/open';
import { rng, testSeed } from '../../helpers/rng';

const ROOT = resolve(__dirname, '../../..');
const WORKER = join(ROOT, 'tests/helpers/cases/crash-worker.ts');
const LANES = 3; // independent databases, killed in parallel to keep the suite short
const KILLS_PER_LANE = 18;
const KEY = randomBytes(32);
const RANK = { open: 0, item: 1, checked: 2, accepted: 3, sending: 4, job: 5, completed: 6 } as const;
// Kill points (and the worker's answer delays) come from one seed; TEST_SEED replays them. The
// kill lands on the same schedule; where that falls in the worker still depends on the machine.
const SEED = testSeed('case crash test');
type Step = keyof typeof RANK | 'voided';

interface Ack {
  caseId: string;
  step: Step;
  serial?: string;
}

const dir = mkdtempSync(join(tmpdir(), 'case-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the worker; once it has said anything, waits `delayMs` and SIGKILLs it (or lets --drain finish). */
function run(
  file: string,
  delayMs: number | 'drain',
  workerSeed = 1,
): Promise<{ acks: Ack[]; killed: boolean; stderr: string; found: number; lastStep?: Step }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', WORKER, file, ...(delayMs === 'drain' ? ['--drain'] : [])],
      {
        cwd: ROOT,
        env: { ...process.env, CASE_TEST_KEY: KEY.toString('hex'), CASE_TEST_SEED: String(workerSeed) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let stderr = '';
    let armed = false;
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      if (!armed && delayMs !== 'drain') {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return fail(new Error(`worker exited with ${code}: ${stderr}`));
      // Only whole lines were acknowledged; a torn last line (if any) is not an acknowledgement.
      const lines = out.split('\n').slice(0, -1);
      const acks = lines
        .filter((l) => l.startsWith('ack '))
        .map((l) => {
          const [, caseId, step, serial] = l.split(' ');
          return { caseId: caseId!, step: step as Step, ...(serial ? { serial } : {}) };
        });
      const found = lines.filter((l) => l.startsWith('found ')).length;
      done({
        acks,
        killed: signal === 'SIGKILL',
        stderr,
        found,
        ...(acks.length ? { lastStep: acks[acks.length - 1]!.step } : {}),
      });
    });
  });
}

async function lane(n: number) {
  const file = join(dir, `lane-${n}.db`);
  const acks: Ack[] = [];
  let kills = 0;
  let recovered = 0;
  let inRoundTrip = 0;
  let found = 0;
  const random = rng(SEED + n);
  for (let i = 0; i < KILLS_PER_LANE; i++) {
    const r = await run(file, Math.floor(random() * 60), Math.floor(random() * 0xffffffff));
    if (r.killed) kills++;
    // Killed after the send was recorded and before the spooler's answer was: inside the round trip.
    if (r.killed && r.lastStep === 'sending') inRoundTrip++;
    found += r.found;
    const before = new Set(acks.map((a) => a.caseId));
    recovered += r.acks.filter((a) => before.has(a.caseId)).length;
    acks.push(...r.acks);
  }
  return { file, acks, kills, recovered, inRoundTrip, found };
}

/** PDFs the spooler (the virtual printer) took, per serial (the job title is the serial). */
function printedPerSerial(file: string): Map<string, number> {
  const out = new Map<string, number>();
  // A lane whose kills all came before its first send has no spool folder at all.
  const dir = `${file}.prints`;
  for (const f of existsSync(dir) ? readdirSync(dir) : []) {
    const serial = /(H1-C1-\d{4}-\d{6})\.pdf$/.exec(f)?.[1];
    if (serial) out.set(serial, (out.get(serial) ?? 0) + 1);
  }
  return out;
}

describe('case records survive SIGKILL at any point', () => {
  it(`keeps every acknowledged step, never duplicates or reuses a serial, and lists interrupted prints (${LANES * KILLS_PER_LANE} kills)`, async () => {
    const lanes = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
    const cipher = createCipher(KEY);
    expect(lanes.reduce((s, l) => s + l.kills, 0)).toBeGreaterThanOrEqual(50);
    // Without at least one restart that had something to finish, the recovery path was not exercised.
    expect(lanes.reduce((s, l) => s + l.recovered, 0)).toBeGreaterThan(0);
    // Some kills must fall inside the spooler round trip, and some restarts must find a job whose answer was lost there.
    const inRoundTrip = lanes.reduce((s, l) => s + l.inRoundTrip, 0);
    const found = lanes.reduce((s, l) => s + l.found, 0);
    console.log(
      `case crash test: ${lanes.reduce((s, l) => s + l.kills, 0)} kills, ${inRoundTrip} inside the spooler round trip, ${found} lost answers found at the spooler`,
    );
    expect(inRoundTrip, `seed ${SEED}`).toBeGreaterThan(0);

    for (const { file, acks } of lanes) {
      const db = openDatabase(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);

        const last = new Map<string, Ack>();
        const serialOf = new Map<string, string>();
        for (const a of acks) {
          const prev = last.get(a.caseId);
          if (
            !prev ||
            a.step === 'voided' ||
            (prev.step !== 'voided' && RANK[a.step as keyof typeof RANK] > RANK[prev.step as keyof typeof RANK])
          )
            last.set(a.caseId, a);
          if (a.serial) {
            // A serial acknowledged for two cases would be a reuse.
            expect(serialOf.get(a.serial) ?? a.caseId).toBe(a.caseId);
            serialOf.set(a.serial, a.caseId);
          }
        }
        const rowOf = db.prepare('SELECT state, item_code, checked_at, serial, print_job_id FROM cases WHERE id = ?');
        for (const [caseId, a] of last) {
          const row = rowOf.get(caseId) as
            | {
                state: string;
                item_code: string | null;
                checked_at: string | null;
                serial: string | null;
                print_job_id: string | null;
              }
            | undefined;
          expect(row, `acknowledged case ${caseId} (${a.step}) is missing`).toBeDefined();
          if (a.step === 'voided') {
            expect(row!.state).toBe('voided');
            continue;
          }
          const r = RANK[a.step];
          if (r >= RANK.item) expect(row!.item_code).toBe('clean-energy-check');
          if (r >= RANK.checked) expect(row!.checked_at).not.toBeNull();
          if (r >= RANK.accepted) expect(['accepted', 'completed', 'voided']).toContain(row!.state);
          if (r >= RANK.job) expect(row!.print_job_id).not.toBeNull();
          if (r >= RANK.completed) expect(row!.state).toBe('completed');
        }
        for (const [serial, caseId] of serialOf) expect((rowOf.get(caseId) as { serial: string }).serial).toBe(serial);

        // Serials: unique, and dense from 1 to the counter, so every allocated number sits on a case.
        const serials = db.prepare('SELECT serial FROM cases WHERE serial IS NOT NULL').pluck().all() as string[];
        expect(new Set(serials).size).toBe(serials.length);
        const counters = db.prepare('SELECT hall_id, counter_id, year, last FROM serial_counter').all() as Array<{
          hall_id: string;
          counter_id: string;
          year: number;
          last: number;
        }>;
        for (const c of counters) {
          const prefix = `${c.hall_id}-${c.counter_id}-${c.year}-`;
          const nums = serials
            .filter((s) => s.startsWith(prefix))
            .map((s) => Number(s.slice(prefix.length)))
            .sort((x, y) => x - y);
          expect(nums).toEqual(Array.from({ length: c.last }, (_, i) => i + 1));
        }
        expect(serials.length).toBe(counters.reduce((s, c) => s + c.last, 0));

        // Every case decrypts: no torn sealed blobs.
        for (const id of db.prepare('SELECT id FROM cases').pluck().all() as string[])
          expect(getCase(db, cipher, id).id).toBe(id);

        // What the last kill left half-printed is exactly what listInterrupted offers the clerk.
        const accepted = db
          .prepare("SELECT id FROM cases WHERE state = 'accepted' ORDER BY generated_at, id")
          .pluck()
          .all() as string[];
        expect(listInterrupted(db).map((c) => c.caseId)).toEqual(accepted);
        for (const [caseId, a] of last) {
          if (a.step === 'accepted' && (rowOf.get(caseId) as { state: string }).state === 'accepted')
            expect(accepted).toContain(caseId);
        }
      } finally {
        db.close();
      }
      // A clean restart finishes or voids them all.
      await run(file, 'drain');
      const db2 = openDatabase(file);
      try {
        expect(listInterrupted(db2)).toEqual([]);
        expect(db2.pragma('integrity_check', { simple: true })).toBe('ok');
        // Never printed twice: every completed certificate reached the spooler exactly once, a voided one at most once.
        const printed = printedPerSerial(file);
        const rows = db2.prepare('SELECT serial, state FROM cases WHERE serial IS NOT NULL').all() as Array<{
          serial: string;
          state: string;
        }>;
        const twice = [...printed].filter(([, k]) => k > 1).map(([s]) => s);
        expect(twice, `serials printed more than once (seed ${SEED})`).toEqual([]);
        for (const r of rows)
          if (r.state === 'completed') expect(printed.get(r.serial), `${r.serial} completed but never printed`).toBe(1);
      } finally {
        db2.close();
      }
    }
    // Checked last, so that a recovery which resends blindly fails on the double print above first.
    expect(found, `no restart found a lost answer at the spooler (seed ${SEED})`).toBeGreaterThan(0);
  }, 180_000);
});
