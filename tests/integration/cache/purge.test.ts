import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../../electron/services/db/open';
import { createCipher } from '../../../electron/services/crypto/cipher';
import { countCachedLicenses, findByHolder, putLicenses, type PutItem } from '../../../electron/services/cache/store';
import { purgeCache } from '../../../electron/services/cache/purge';
import { fetched, hoursAgo, license, PEOPLE, POLICY, tempDir } from '../../helpers/licenses';

const cipher = createCipher(randomBytes(32));
const dirs: Array<{ cleanup(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function newDb(opts: { incremental?: boolean } = {}): { db: Db; file: string } {
  const t = tempDir();
  dirs.push(t);
  const file = join(t.dir, 'counter.db');
  if (opts.incremental) {
    // auto_vacuum can only be chosen before the first table exists.
    const raw = new Database(file);
    raw.pragma('auto_vacuum = INCREMENTAL');
    raw.close();
  }
  return { db: openDatabase(file), file };
}

let nextPerson = 0;

/** n people, each with a household register fetched `ageHours` ago. */
function fill(db: Db, n: number, ageHours: number, type = '111002'): string[] {
  const ids: string[] = [];
  const items: PutItem[] = [];
  for (let i = 0; i < n; i++) {
    const id = `1101011990${String(nextPerson++).padStart(8, '0')}`;
    ids.push(id);
    items.push({ fetched: fetched(license(type, { ...PEOPLE.zhang, id }), hoursAgo(ageHours)), holderCodes: [id] });
  }
  putLicenses(db, cipher, items);
  return ids;
}

describe('purgeCache', () => {
  it('drops entries past their type retention (default rule for unlisted types) and keeps the rest', () => {
    const { db } = newDb();
    const old = fill(db, 5, 8 * 24); // 111002: retention 7 days -> purged
    const young = fill(db, 3, 6 * 24); // kept
    fill(db, 2, 8 * 24, '113001'); // 14 days retention -> kept
    fill(db, 4, 8 * 24, '114001'); // not in POLICY: default 7 days -> purged
    const r = purgeCache(db, POLICY, { vacuum: 'none' });
    expect(r.deleted).toBe(9);
    expect(countCachedLicenses(db)).toBe(5);
    expect(findByHolder(db, cipher, old[0]!, { policy: POLICY }).stale).toEqual([]);
    expect(findByHolder(db, cipher, young[0]!, { policy: POLICY }).stale).toHaveLength(1); // kept, though too old to serve
    const orphans = db
      .prepare('SELECT count(*) AS n FROM license_cache_holder WHERE license_id NOT IN (SELECT id FROM license_cache)')
      .get();
    expect(orphans).toEqual({ n: 0 });
    db.close();
  });

  it('new databases use incremental auto-vacuum, so a purge never needs a blocking full VACUUM', () => {
    const { db, file } = newDb();
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    fill(db, 3000, 10 * 24);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(file).size;
    const r = purgeCache(db, POLICY);
    expect(r.vacuum).toBe('incremental');
    expect(statSync(file).size).toBeLessThan(before / 2);
    db.close();
  });

  it('shrinks the file and empties the WAL after a large purge (full VACUUM)', () => {
    const { db, file } = newDb();
    // New files use incremental auto-vacuum; a file from before that setting takes the full VACUUM path.
    db.pragma('auto_vacuum = NONE');
    db.exec('VACUUM');
    fill(db, 3000, 10 * 24);
    fill(db, 10, 1);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(file).size;
    const r = purgeCache(db, POLICY);
    expect(r.deleted).toBe(3000);
    expect(r.vacuum).toBe('full');
    expect(r.checkpoint.busy).toBe(0);
    expect(statSync(file).size).toBeLessThan(before / 10);
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect(r.bytesAfter).toBeLessThan(r.bytesBefore);
    expect(countCachedLicenses(db)).toBe(10);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('uses incremental_vacuum when the file was created with auto_vacuum=INCREMENTAL', () => {
    const { db, file } = newDb({ incremental: true });
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    fill(db, 2000, 10 * 24);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(file).size;
    const r = purgeCache(db, POLICY);
    expect(r.vacuum).toBe('incremental');
    expect(statSync(file).size).toBeLessThan(before / 5);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    db.close();
  });
});
