import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../../protocol/id-number';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server';
import { randInt, rng, testSeed } from '../../helpers/rng';

const ROOT = resolve(__dirname, '../../..');
const ROWS = 1500;
const KILLS = 20;
const JOB = 'PL-KILL-0001';

/** A valid ID number for a made-up person born on `birth` (YYYYMMDD). */
const idFor = (birth: string, n: number) => {
  const first = `110901${birth}${String(n % 1000).padStart(3, '0')}`;
  return first + idCheckDigit(first)!;
};

describe('a batch killed with SIGKILL at many points resumes with no row checked twice and none missing', () => {
  let sb: SandboxHandle;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const seed = testSeed('batch sigkill');
  const r = rng(seed);
  const ids: string[] = [];

  beforeAll(async () => {
    sb = await startSandbox({
      port: 0,
      appKey: 'kill-app',
      appSecret: 'kill-secret',
      adminSecret: 'a',
      faults: { latencyMs: 30 },
    });
    dir = mkdtempSync(join(tmpdir(), 'counter-batch-kill-'));
    const lines = ['姓名,身份证号码'];
    for (let i = 0; i < ROWS; i++) {
      // Line i and line i + 1000 share the sequence digits: draw the birth again until the number
      // is new (a repeat was a second 'duplicate' line the counts below did not expect).
      let id: string;
      do id = idFor(`${1930 + randInt(r, 80)}0${1 + randInt(r, 9)}1${randInt(r, 9)}`, i);
      while (ids.includes(id));
      ids.push(id);
      lines.push(`居民${i},${id}`);
      if (i % 97 === 0) lines.push(`重复${i},${id}`);
      if (i % 131 === 0) lines.push(`坏号${i},11090119800101005`);
    }
    writeFileSync(join(dir, 'list.csv'), lines.join('\n') + '\n');
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        mode: 'training',
        hall: { id: 'KILL02', name: '批量演练大厅' },
        counter: 'K-02',
        // Generous: a batch call that times out on a loaded machine falls back to per-person calls
        // (slower; they carry the line's row key, so the count below holds either way).
        registry: { url: sb.url, appKey: 'kill-app', appSecret: 'kill-secret', timeoutMs: 10_000 },
        printer: { backend: 'virtual' },
      }),
    );
    env = {
      ...process.env,
      COUNTER_CONFIG: join(dir, 'config.json'),
      COUNTER_DATA_DIR: join(dir, 'data'),
      BATCH_JOB: JOB,
      BATCH_LIST: join(dir, 'list.csv'),
    };
  }, 60_000);
  afterAll(async () => {
    await sb?.close();
  });

  /** Runs the child until it has reported `killAt` rows done (then SIGKILLs it after a short random delay), or to its end. */
  const fallbacks: string[] = [];
  const runChild = (killAt: number | undefined, delayMs: number) =>
    new Promise<{ killed: boolean; end?: string }>((res, rej) => {
      const child = spawn(
        process.execPath,
        // One process (no tsx CLI wrapper), so the SIGKILL hits the process that runs the batch.
        ['--import', 'tsx', join(ROOT, 'tests/helpers/batch-child.ts')],
        { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      let killing = false;
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const done = Math.max(0, ...[...out.matchAll(/done (\d+)/g)].map((m) => Number(m[1])));
        if (killAt !== undefined && !killing && done >= killAt) {
          killing = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code, signal) => {
        fallbacks.push(...[...out.matchAll(/^fallback (.*)$/gm)].map((m) => m[1]!));
        if (signal === 'SIGKILL') return res({ killed: true });
        const end = /end (\w+)/.exec(out)?.[1];
        if (code === 0 && end) return res({ killed: false, end });
        rej(new Error(`batch child exited ${code}: ${err.slice(-2000)}`));
      });
    });

  it(`kills the run ${KILLS} times, then finishes it`, async () => {
    const total = ROWS + Math.ceil(ROWS / 97) + Math.ceil(ROWS / 131);
    // Kill points in the first 85% of the list: a point near the end can be passed by a run that
    // finishes within the kill's delay (a fast run did, and then there was nothing left to kill).
    const points = Array.from({ length: KILLS }, () => 1 + randInt(r, Math.floor(total * 0.85))).sort((a, b) => a - b);
    let kills = 0;
    for (const p of points) {
      const got = await runChild(p, randInt(r, 40));
      console.info(`kill point ${p}: ${JSON.stringify(got)}`);
      if (got.killed) kills++;
      else break; // it finished before the kill point: nothing left to kill
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(await runChild(undefined, 0)).toEqual({ killed: false, end: 'done' });

    // A fallback (a batch call timed out under load, maybe after the registry recorded it) is no
    // longer a second use: per-person calls carry the line's row key (tests/integration/batch/answer-lost.test.ts).
    if (fallbacks.length) console.info(`fell back: ${fallbacks.join('; ')}`);
    // The registry's own usage log: exactly one record per applicant row of this batch.
    const recs = sb.usage.all().filter((u) => u.caseNumber === JOB && u.key !== undefined);
    const byKey = new Map<string, number>();
    for (const u of recs) byKey.set(u.key!, (byKey.get(u.key!) ?? 0) + 1);
    expect([...byKey.values()].filter((n) => n > 1)).toEqual([]);
    expect(recs.map((u) => u.holderCode).sort()).toEqual([...ids].sort());

    const db = new Database(join(dir, 'data', 'counter.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT outcome, problem FROM batch_rows WHERE job_id = ?').all(JOB) as Array<{
        outcome: string;
        problem: string | null;
      }>;
      expect(rows).toHaveLength(total);
      expect(rows.filter((x) => x.problem === 'duplicate')).toHaveLength(Math.ceil(ROWS / 97));
      expect(rows.filter((x) => x.problem === 'id-malformed')).toHaveLength(Math.ceil(ROWS / 131));
      // The local audit log: each checked row's registry use exactly once (it commits with the row).
      const seqs = db
        .prepare("SELECT json_extract(detail, '$.seq') FROM audit_log WHERE action = 'batch-check' AND case_id = ?")
        .pluck()
        .all(JOB) as number[];
      expect(seqs).toHaveLength(ROWS);
      expect(new Set(seqs).size).toBe(ROWS);
      const checked = db
        .prepare("SELECT seq FROM batch_rows WHERE job_id = ? AND outcome != 'bad-input' ORDER BY seq")
        .pluck()
        .all(JOB) as number[];
      expect([...seqs].sort((a, b) => a - b)).toEqual(checked);
    } finally {
      db.close();
    }
  }, 540_000);
});
