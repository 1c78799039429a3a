import type { Db } from '../db/open';
import type { AuditRow } from './types';

/** Entries whose time is in [fromIso, toIso), in chain order. */
export function auditRange(db: Db, fromIso: string, toIso: string): AuditRow[] {
  return db.prepare('SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY seq').all(fromIso, toIso) as AuditRow[];
}

/** Every access to one citizen (by subject hash), oldest first. */
export function auditForSubject(db: Db, subject: string): AuditRow[] {
  return db.prepare('SELECT * FROM audit_log WHERE subject = ? ORDER BY seq').all(subject) as AuditRow[];
}

export function auditCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

/** Local calendar day (YYYY-MM-DD) to the UTC instant it starts, as stored times are UTC ISO strings. */
export function localDayStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}
