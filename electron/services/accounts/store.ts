import type { Role } from '../../api/types';
import type { Db } from '../db/open';
import { parseRoles } from './roles';

export interface AccountRow {
  id: string;
  displayName: string;
  roles: Role[];
  password: string;
  mustChange: boolean;
  disabled: boolean;
  demo: boolean;
  failedCount: number;
  nextAttemptAt: number;
  createdAt: string;
  lastSignInAt: string | null;
}

interface Raw {
  id: string;
  display_name: string;
  roles: string;
  password: string;
  must_change: number;
  disabled: number;
  demo: number;
  failed_count: number;
  next_attempt_at: number;
  created_at: string;
  last_sign_in_at: string | null;
}

const fromRaw = (r: Raw): AccountRow => ({
  id: r.id,
  displayName: r.display_name,
  roles: parseRoles(r.roles),
  password: r.password,
  mustChange: r.must_change === 1,
  disabled: r.disabled === 1,
  demo: r.demo === 1,
  failedCount: r.failed_count,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  lastSignInAt: r.last_sign_in_at,
});

export function getAccount(db: Db, id: string): AccountRow | null {
  const r = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as Raw | undefined;
  return r ? fromRaw(r) : null;
}

export function listAccounts(db: Db): AccountRow[] {
  return (db.prepare('SELECT * FROM accounts ORDER BY demo, id').all() as Raw[]).map(fromRaw);
}

/** Real (non-demo) accounts; zero means the terminal still needs its first administrator. */
export function countRealAccounts(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM accounts WHERE demo = 0').get() as { n: number }).n;
}

export function countActiveAdmins(db: Db, exceptId?: string): number {
  return (
    db
      .prepare(
        "SELECT count(*) AS n FROM accounts WHERE disabled = 0 AND demo = 0 AND id IS NOT ? AND EXISTS (SELECT 1 FROM json_each(roles) WHERE value = 'admin')",
      )
      .get(exceptId ?? null) as { n: number }
  ).n;
}

export interface NewAccount {
  id: string;
  displayName: string;
  roles: Role[];
  password: string;
  mustChange: boolean;
  demo?: boolean;
}

export function insertAccount(db: Db, a: NewAccount): void {
  db.prepare(
    'INSERT INTO accounts(id, display_name, roles, password, must_change, demo) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(a.id, a.displayName, JSON.stringify(a.roles), a.password, a.mustChange ? 1 : 0, a.demo ? 1 : 0);
}

const touch = "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')";

export function setRoles(db: Db, id: string, roles: Role[]): void {
  db.prepare(`UPDATE accounts SET roles = ?, ${touch} WHERE id = ?`).run(JSON.stringify(roles), id);
}

export function setDisabled(db: Db, id: string, disabled: boolean): void {
  db.prepare(`UPDATE accounts SET disabled = ?, ${touch} WHERE id = ?`).run(disabled ? 1 : 0, id);
}

export function setPassword(db: Db, id: string, hash: string, mustChange: boolean): void {
  db.prepare(
    `UPDATE accounts SET password = ?, must_change = ?, failed_count = 0, next_attempt_at = 0, ${touch} WHERE id = ?`,
  ).run(hash, mustChange ? 1 : 0, id);
}

export function recordFailure(db: Db, id: string, failedCount: number, nextAttemptAt: number): void {
  db.prepare('UPDATE accounts SET failed_count = ?, next_attempt_at = ? WHERE id = ?').run(
    failedCount,
    nextAttemptAt,
    id,
  );
}

export function recordSuccess(db: Db, id: string): void {
  db.prepare(
    "UPDATE accounts SET failed_count = 0, next_attempt_at = 0, last_sign_in_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?",
  ).run(id);
}

export function clearFailures(db: Db, id: string): void {
  db.prepare('UPDATE accounts SET failed_count = 0, next_attempt_at = 0 WHERE id = ?').run(id);
}
