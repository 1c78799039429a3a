import type { Db } from '../db/open';

/**
 * Deletes cases older than their item's retention (catalog `retentionDays`; `fallbackDays` for
 * cases that never got an item), with their reprints and season-index rows. Interrupted prints
 * (state 'accepted') are kept until a clerk finishes or voids them. Serial counters are never
 * touched, so purging cannot make a serial reusable.
 */
export function purgeExpired(
  db: Db,
  retentionDays: (itemCode: string) => number | undefined,
  opts: { now?: Date; fallbackDays?: number } = {},
): { purged: number } {
  const now = (opts.now ?? new Date()).getTime();
  const cutoff = (days: number) => new Date(now - days * 86_400_000).toISOString();
  return db.transaction(() => {
    const codes = db.prepare('SELECT DISTINCT item_code FROM cases').pluck().all() as Array<string | null>;
    let purged = 0;
    for (const code of codes) {
      const days = code === null ? (opts.fallbackDays ?? 30) : (retentionDays(code) ?? opts.fallbackDays ?? 30);
      const where = `item_code IS ? AND state <> 'accepted' AND card_read_at < ?`;
      const args = [code, cutoff(days)];
      db.prepare(`DELETE FROM case_reprints WHERE case_id IN (SELECT id FROM cases WHERE ${where})`).run(...args);
      db.prepare(`DELETE FROM issued_index WHERE case_id IN (SELECT id FROM cases WHERE ${where})`).run(...args);
      purged += db.prepare(`DELETE FROM cases WHERE ${where}`).run(...args).changes;
    }
    return { purged };
  })();
}
