import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

const names = (db: Database.Database, type: string) =>
  (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map(
    (r) => r.name,
  );

function at3(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  expect(migrate(db, migrations, 3)).toBe(3);
  return db;
}

const insert = (db: Database.Database, id: string, extra: Record<string, unknown> = {}) => {
  const row = {
    id,
    hall_id: 'H1',
    counter_id: 'C1',
    clerk_id: 'k',
    source: 'card',
    subject_hash: 'h',
    person: Buffer.of(1),
    card_read_at: 't',
    ...extra,
  };
  const cols = Object.keys(row);
  return db
    .prepare(`INSERT INTO cases (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
    .run(...Object.values(row));
};

describe('migration 003 (cases)', () => {
  it('applies on top of 002 and creates the case tables, indexes and triggers', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 2);
    db.prepare('INSERT INTO settings(key, value) VALUES (?, ?)').run('lang', 'zh-CN');
    expect(migrate(db, migrations, 3)).toBe(3);
    expect(names(db, 'table')).toEqual(
      expect.arrayContaining(['cases', 'serial_counter', 'case_reprints', 'issued_index', 'license_cache']),
    );
    expect(names(db, 'index')).toEqual(
      expect.arrayContaining([
        'cases_serial',
        'cases_subject',
        'cases_counter_item',
        'cases_interrupted',
        'case_reprints_case',
      ]),
    );
    expect(names(db, 'trigger')).toContain('cases_serial_immutable');
    const plan = (sql: string, ...a: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...a) as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan("SELECT * FROM cases WHERE state = 'accepted' ORDER BY generated_at")).toMatch(/cases_interrupted/);
    expect(plan('SELECT * FROM issued_index WHERE item_code = ? AND address_hash = ?', 'a', 'b')).toMatch(
      /PRIMARY KEY/,
    );
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('lang')).toEqual({ value: 'zh-CN' });
  });

  it('also applies on a fresh database up to the latest version', () => {
    const db = new Database(':memory:');
    expect(migrate(db, migrations)).toBe(migrations.length);
    expect(names(db, 'table')).toContain('cases');
  });

  it('refuses a duplicate serial, even on two different cases', () => {
    const db = at3();
    insert(db, 'a', { serial: 'H1-C1-2025-000001', state: 'accepted', generated_at: 't' });
    expect(() => insert(db, 'b', { serial: 'H1-C1-2025-000001', state: 'accepted', generated_at: 't' })).toThrow(
      /UNIQUE/,
    );
    insert(db, 'c');
    insert(db, 'd'); // many cases without a serial yet
  });

  it('never lets a serial change once set', () => {
    const db = at3();
    insert(db, 'a', { serial: 'H1-C1-2025-000001', state: 'accepted', generated_at: 't' });
    expect(() => db.prepare("UPDATE cases SET serial = 'H1-C1-2025-000002' WHERE id = 'a'").run()).toThrow(
      /keeps its certificate serial/,
    );
    expect(() => db.prepare("UPDATE cases SET serial = NULL, state = 'open' WHERE id = 'a'").run()).toThrow(
      /keeps its certificate serial/,
    );
    db.prepare(
      "UPDATE cases SET state = 'voided', void_reason = 'x', voided_by = 'k', voided_at = 't' WHERE id = 'a'",
    ).run();
  });

  it('enforces the invariants the case service relies on', () => {
    const db = at3();
    expect(() => insert(db, 'm', { source: 'manual' })).toThrow(/CHECK/);
    expect(() => insert(db, 'm', { source: 'manual', manual_reason: '  ' })).toThrow(/CHECK/);
    insert(db, 'm', { source: 'manual', manual_reason: 'card chip unreadable' });
    expect(() => insert(db, 'x', { source: 'fax' })).toThrow(/CHECK/);
    expect(() => insert(db, 'x', { state: 'accepted' })).toThrow(/CHECK/); // accepted needs a serial
    expect(() => insert(db, 'x', { state: 'voided' })).toThrow(/CHECK/); // voided needs reason, by, at
    expect(() => insert(db, 'x', { state: 'completed', serial: 's', generated_at: 't' })).toThrow(/CHECK/);
    expect(() => insert(db, 'x', { override_by: 'sup' })).toThrow(/CHECK/);
    expect(() => insert(db, 'x', { season_start: '2025-11-01' })).toThrow(/CHECK/);
    expect(() => insert(db, 'x', { eligible: 2 })).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO case_reprints (case_id, serial, at, by, reason) VALUES ('m', 's', 't', 'k', '')").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare("INSERT INTO case_reprints (case_id, serial, at, by, reason) VALUES ('ghost', 's', 't', 'k', 'r')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO serial_counter VALUES ('H1', 'C1', 2025, -1)").run()).toThrow(/CHECK/);
  });
});
