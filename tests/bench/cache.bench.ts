import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BenchGroup, BenchResult } from './types';
import { migrate } from '../../electron/services/db/migrate';
import { migrations } from '../../electron/services/db/migrations';
import { openDatabase } from '../../electron/services/db/open';
import { createCipher } from '../../electron/services/crypto/cipher';
import { findByHolder, holderHash, identHash } from '../../electron/services/cache/store';
import { rowAad, type Payload } from '../../electron/services/cache/payload';
import { parseCachePolicy } from '../../electron/services/cache/policy';
import { license, PEOPLE, VERIFIED } from '../helpers/licenses';

const ROWS = Number(process.env.CACHE_BENCH_ROWS ?? 1_000_000);
const LOOKUPS = 20_000;
const holderCode = (i: number) => `110101${String(i).padStart(12, '0')}`;
const policy = parseCachePolicy({ default: { maxAgeHours: 24, retentionDays: 7 }, types: {} });

/**
 * Writes ROWS sealed licenses the way putLicenses would, but with the journal off and one
 * transaction, because the production path (read-modify-write per row, synchronous=FULL) would
 * take far longer than the figure we want to measure. Rows are sealed with the real AAD, so the
 * lookups below exercise the production read path end to end.
 */
function build(file: string, cipher: ReturnType<typeof createCipher>): { ms: number; blobBytes: number } {
  const started = performance.now();
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  migrate(db, migrations);
  const fetchedAt = new Date().toISOString();
  const fetchedMs = Date.parse(fetchedAt);
  const template: Payload = {
    v: 1,
    holders: ['@HOLDER@'],
    license: license('111002', { ...PEOPLE.zhang, id: '@HOLDER@' }),
    verification: VERIFIED,
    fetchedAt,
  };
  const json = JSON.stringify(template);
  const ins = db.prepare(
    'INSERT INTO license_cache(id, ident_hash, type_code, fetched_at, valid_to, verification, blob) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const idx = db.prepare('INSERT INTO license_cache_holder(holder_hash, type_code, license_id) VALUES (?, ?, ?)');
  let blobBytes = 0;
  db.transaction(() => {
    for (let i = 1; i <= ROWS; i++) {
      const holder = holderCode(i);
      const identifier = `1.2.156.3005.2.111002.11010000PSB.${i}.001.F`;
      const meta = {
        ident_hash: identHash(cipher, identifier),
        type_code: '111002',
        fetched_at: fetchedMs,
        valid_to: '2040-05-01',
        verification: 'verified' as const,
      };
      const blob = cipher.seal(
        json.replaceAll('@HOLDER@', holder).replace(template.license.identifier, identifier),
        rowAad(meta),
      );
      blobBytes += blob.length;
      ins.run(i, meta.ident_hash, meta.type_code, meta.fetched_at, meta.valid_to, meta.verification, blob);
      idx.run(holderHash(cipher, holder), '111002', i);
    }
  })();
  db.close();
  return { ms: performance.now() - started, blobBytes: blobBytes / ROWS };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export const groups: BenchGroup[] = [
  {
    names: ['cache.lookup_p99_ms'],
    async run(): Promise<BenchResult[]> {
      const dir = mkdtempSync(join(tmpdir(), 'counter-cache-bench-'));
      try {
        const file = join(dir, 'counter.db');
        const cipher = createCipher(randomBytes(32));
        const built = build(file, cipher);
        const db = openDatabase(file); // production settings: WAL, synchronous=FULL, default cache size
        const times: number[] = [];
        let found = 0;
        for (let n = 0; n < LOOKUPS + 1000; n++) {
          const i = 1 + Math.floor(Math.random() * ROWS);
          const t0 = performance.now();
          const r = findByHolder(db, cipher, holderCode(i), { policy });
          const dt = performance.now() - t0;
          if (n >= 1000) times.push(dt); // the first 1000 warm the statement cache and the OS page cache
          if (r.fresh.length === 1 && r.fresh[0]!.license.certificateHolderCode === holderCode(i)) found++;
        }
        db.close();
        if (found !== LOOKUPS + 1000) throw new Error(`only ${found} of ${LOOKUPS + 1000} lookups found their license`);
        times.sort((a, b) => a - b);
        const mb = Math.round(statSync(file).size / 1e6);
        const note = `${ROWS.toLocaleString('en')} licenses (~${Math.round(built.blobBytes)} B blobs, ${mb} MB file) built in ${(built.ms / 1000).toFixed(1)} s; ${LOOKUPS} random lookups incl. HMAC + AES-GCM open + JSON parse: p50 ${pct(times, 50).toFixed(3)} ms, max ${times.at(-1)!.toFixed(2)} ms`;
        return [{ name: 'cache.lookup_p99_ms', value: Number(pct(times, 99).toFixed(3)), unit: 'ms', note }];
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
