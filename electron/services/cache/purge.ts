import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { retentionMs, type CachePolicy } from './policy';

type Db = Database.Database;

export interface PurgeOptions {
  now?: Date;
  /**
   * 'auto' (default): incremental_vacuum when the file has auto_vacuum=INCREMENTAL, else a full
   * VACUUM when at least `minFreeFraction` of the file is free pages. 'none' only deletes.
   */
  vacuum?: 'auto' | 'full' | 'none';
  /** Skip a full VACUUM below this share of free pages; it rewrites the whole file. Default 0.1. */
  minFreeFraction?: number;
}

export interface PurgeResult {
  deleted: number;
  vacuum: 'incremental' | 'full' | 'none';
  bytesBefore: number;
  bytesAfter: number;
  /** From wal_checkpoint(TRUNCATE); busy=1 means another connection was reading and the WAL could not be emptied. */
  checkpoint: { busy: number; log: number; checkpointed: number };
}

export function fileBytes(db: Db): number {
  if (db.memory) return 0;
  let total = 0;
  for (const f of [db.name, `${db.name}-wal`]) {
    try {
      total += statSync(f).size;
    } catch {
      /* no WAL right now */
    }
  }
  return total;
}

/**
 * Deletes cache entries older than their type's retention, then gives the space back to the OS so
 * personal data (even encrypted) does not linger in free pages or the WAL.
 */
export function purgeCache(db: Db, policy: CachePolicy, opts: PurgeOptions = {}): PurgeResult {
  const now = (opts.now ?? new Date()).getTime();
  const bytesBefore = fileBytes(db);
  const configured = Object.keys(policy.types);
  // Per-type cutoffs plus one rule for every type the policy does not list.
  const rules: Array<{ where: string; params: (string | number)[] }> = configured.map((t) => ({
    where: 'type_code = ? AND fetched_at < ?',
    params: [t, now - retentionMs(policy, t)],
  }));
  rules.push({
    where: `type_code NOT IN (${configured.map(() => '?').join(',')}) AND fetched_at < ?`,
    params: [...configured, now - policy.default.retentionDays * 86_400_000],
  });
  let deleted = 0;
  db.transaction(() => {
    for (const r of rules) {
      // Holder rows first and explicitly, so the purge is complete even on a connection without foreign_keys.
      db.prepare(
        `DELETE FROM license_cache_holder WHERE license_id IN (SELECT id FROM license_cache WHERE ${r.where})`,
      ).run(...r.params);
      deleted += db.prepare(`DELETE FROM license_cache WHERE ${r.where}`).run(...r.params).changes;
    }
  })();

  let vacuum: PurgeResult['vacuum'] = 'none';
  const mode = opts.vacuum ?? 'auto';
  if (mode !== 'none' && !db.memory) {
    const autoVacuum = db.pragma('auto_vacuum', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    if (mode === 'auto' && autoVacuum === 2) {
      db.pragma('incremental_vacuum');
      vacuum = 'incremental';
    } else if (mode === 'full' || (free > 0 && free >= pages * (opts.minFreeFraction ?? 0.1))) {
      db.exec('VACUUM');
      vacuum = 'full';
    }
  }
  const [cp] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  return {
    deleted,
    vacuum,
    bytesBefore,
    bytesAfter: fileBytes(db),
    checkpoint: cp ?? { busy: 0, log: 0, checkpointed: 0 },
  };
}
