import type Database from 'better-sqlite3';

export interface Row {
  id: number;
  ident_hash: string;
  type_code: string;
  fetched_at: number;
  valid_to: string;
  verification: 'verified' | 'unverified';
  blob: Buffer;
}

const COLS = 'c.id, c.ident_hash, c.type_code, c.fetched_at, c.valid_to, c.verification, c.blob';

function prepare(db: Database.Database) {
  return {
    byIdent: db.prepare<[string], Row>(`SELECT ${COLS} FROM license_cache c WHERE c.ident_hash = ?`),
    byHolder: db.prepare<[string], Row>(
      `SELECT ${COLS} FROM license_cache_holder h JOIN license_cache c ON c.id = h.license_id WHERE h.holder_hash = ?`,
    ),
    upsert: db.prepare<[string, string, number, string, string, Buffer], { id: number }>(
      `INSERT INTO license_cache(ident_hash, type_code, fetched_at, valid_to, verification, blob) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(ident_hash) DO UPDATE SET type_code = excluded.type_code, fetched_at = excluded.fetched_at,
         valid_to = excluded.valid_to, verification = excluded.verification, blob = excluded.blob
       RETURNING id`,
    ),
    indexHolder: db.prepare<[string, string, number]>(
      'INSERT OR IGNORE INTO license_cache_holder(holder_hash, type_code, license_id) VALUES (?, ?, ?)',
    ),
    dropHolders: db.prepare<[number]>('DELETE FROM license_cache_holder WHERE license_id = ?'),
  };
}

export type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<Database.Database, Statements>();

/** Prepared once per connection: point lookups are the hot path (see tests/bench/cache.bench.ts). */
export function statements(db: Database.Database): Statements {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = prepare(db)));
  return s;
}
