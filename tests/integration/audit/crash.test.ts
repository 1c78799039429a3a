import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditPublicKey, verifyChain } from '../../../electron/services/audit';
import { openDatabase } from '../../../electron/services/db/open';
import { testSeed } from '../../helpers/rng';

/**
 * Crash safety of the audit log: a child appends entries in a loop and acknowledges each seq; the
 * parent kills it with SIGKILL at random moments, 10 kills in each of 10 data directories. After
 * every kill the chain must verify and every acknowledged seq must be in the file.
 */
const ROOT = resolve(__dirname, '../../..');
let bundle: string;
let work: string;

// Bundled once with esbuild so each of the 100 child starts costs ~50 ms instead of a tsx start-up.
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'counter-crash-'));
  bundle = join(work, 'child.cjs');
  const esbuild = await import('esbuild');
  esbuild.buildSync({
    entryPoints: [join(__dirname, 'crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    external: ['better-sqlite3', 'sm-crypto-v2'],
    logLevel: 'error',
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SEED = testSeed('audit crash');
let seed = SEED;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function runUntilKilled(dir: string, killAfterMs: number): Promise<number[]> {
  return new Promise((resolveAcks, reject) => {
    const child = spawn(process.execPath, [bundle, dir], {
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: number[] = [];
    let buf = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) acks.push(Number(l));
      // The kill clock starts at the first ack so every kill lands inside the append loop.
      timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child ended by itself: ${err}`));
      else resolveAcks(acks);
    });
  });
}

describe(`audit log survives SIGKILL (seed ${SEED}; replay with TEST_SEED=${SEED})`, () => {
  it('100 kills over 10 runs: chain intact, every acknowledged entry present', async () => {
    let kills = 0;
    // Runs go five at a time (separate data dirs); the kills within a run are sequential.
    const run = async (n: number) => {
      const dir = join(work, `run-${n}`);
      let acked = 0;
      let key: string | null = null;
      for (let k = 0; k < 10; k++) {
        const acks = await runUntilKilled(dir, Math.floor(rand() * 60));
        kills++;
        if (acks.length) acked = Math.max(acked, acks.at(-1)!);
        const db = openDatabase(join(dir, 'counter.db'));
        key ??= readAuditPublicKey(dir);
        const r = verifyChain(db, key);
        db.close();
        expect(r, `run ${n} kill ${k}`).toMatchObject({ ok: true });
        expect(r.ok && r.entries, `run ${n} kill ${k}: acknowledged ${acked}`).toBeGreaterThanOrEqual(acked);
      }
    };
    for (let batch = 0; batch < 10; batch += 5) await Promise.all([0, 1, 2, 3, 4].map((i) => run(batch + i)));
    expect(kills).toBe(100);
  }, 60_000);
});
