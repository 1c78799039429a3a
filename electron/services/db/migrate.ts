import type Database from 'better-sqlite3';

export interface Migration {
  /** 1-based and dense: migration N moves user_version from N-1 to N. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Applies every pending migration, each in its own transaction together with its user_version bump. */
export function migrate(db: Database.Database, list: readonly Migration[], target = list.length): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(`migration list is not dense at ${m.name}: expected version ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > list.length) {
    throw new MigrationError(
      `database schema version ${current} is newer than this app (${list.length}); install the newer app version or restore a backup`,
    );
  }
  for (const m of list.slice(current, target)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
