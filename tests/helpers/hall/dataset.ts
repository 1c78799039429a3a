import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmbedded, type EmbeddedDb } from '../../../hall/db/embedded';
import { migrate } from '../../../hall/db/migrate';
import { MIGRATIONS } from '../../../hall/db/migrations';
import { GENERATOR_VERSION, generateYear } from '../../../hall/generate';
import { testPool } from './pg';

const ROOT = resolve(__dirname, '../../..');

/**
 * A generated district year on an embedded PostgreSQL, built once and kept under
 * `.data/bench/hall-<cases>-g<generator>-m<hash of the migrations>/` (git-ignored) for the next bench run. A
 * folder without its `ready.json` (a run killed mid-build) is thrown away and built again.
 */
export async function districtYear(
  cases: number,
  log: (s: string) => void,
): Promise<{ db: EmbeddedDb; url: string; built: boolean; buildS: number }> {
  const dir = join(
    process.env.HALL_BENCH_DATA ?? join(ROOT, '.data', 'bench'),
    `hall-${cases}-g${GENERATOR_VERSION}-m${createHash('sha256')
      .update(MIGRATIONS.map((m) => m.sql).join('\n'))
      .digest('hex')
      .slice(0, 8)}`,
  );
  const marker = join(dir, 'ready.json');
  const ready = existsSync(marker);
  if (!ready) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = await startEmbedded(dir);
  if (ready) {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { buildS: number };
    log(`hall bench: reusing the generated ${cases} cases in ${dir} (built in ${m.buildS.toFixed(0)} s)`);
    return { db, url: db.url, built: false, buildS: m.buildS };
  }
  log(`hall bench: generating ${cases} cases (${cases * 10} events) into ${dir}; this takes minutes, once`);
  const t = Date.now();
  const pool = testPool(db.url);
  try {
    await migrate(pool);
    await generateYear(pool, cases, 2026, (s) => log(`  ${s}`));
    await pool.query('CHECKPOINT');
  } finally {
    await pool.end();
  }
  const buildS = (Date.now() - t) / 1000;
  writeFileSync(marker, JSON.stringify({ cases, buildS, at: new Date().toISOString() }));
  log(`hall bench: generated in ${buildS.toFixed(0)} s`);
  return { db, url: db.url, built: true, buildS };
}
