import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';
import { migrations } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the current runtime (Electron passes its own build). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens the terminal's database in WAL mode and brings it to the latest schema.
 * synchronous=FULL because a case or audit entry acknowledged to the clerk must survive a power cut.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { nativeBinding: opts.nativeBinding, readonly: opts.readonly ?? false });
  // Must precede the first table; lets the cache purge shrink the file without a full VACUUM.
  if (!opts.readonly && (db.pragma('user_version', { simple: true }) as number) === 0)
    db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) migrate(db, migrations);
  return db;
}
