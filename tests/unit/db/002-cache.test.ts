import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

const names = (db: Database.Database, type: string) =>
  (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map(
    (r) => r.name,
  );

describe('migration 002 (cache)', () => {
  it('applies on top of 001 and creates the cache tables and indexes', () => {
    const db = new Database(':memory:');
    expect(migrate(db, migrations, 1)).toBe(1);
    db.prepare('INSERT INTO settings(key, value) VALUES (?, ?)').run('lang', 'zh-CN');
    expect(migrate(db, migrations, 2)).toBe(2);
    expect(names(db, 'table')).toEqual(
      expect.arrayContaining(['settings', 'data_key_check', 'license_cache', 'license_cache_holder']),
    );
    expect(names(db, 'index')).toEqual(
      expect.arrayContaining(['license_cache_type_fetched', 'license_cache_holder_license']),
    );
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('lang')).toEqual({ value: 'zh-CN' });
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM license_cache_holder WHERE holder_hash = ?').all('x') as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING PRIMARY KEY/);
  });

  it('enforces the constraints the cache relies on', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, 2);
    const ins = db.prepare(
      'INSERT INTO license_cache(ident_hash, type_code, fetched_at, valid_to, verification, blob) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const { lastInsertRowid } = ins.run('h1', '111002', 1, '2040-01-01', 'verified', Buffer.of(1));
    expect(() => ins.run('h1', '111002', 1, '2040-01-01', 'verified', Buffer.of(1))).toThrow(/UNIQUE/);
    expect(() => ins.run('h2', '111002', 1, '2040-01-01', 'trusted', Buffer.of(1))).toThrow(/CHECK/);
    expect(() => ins.run('h3', '111002', 'yesterday', '2040-01-01', 'verified', Buffer.of(1))).toThrow(
      /cannot store TEXT value in INTEGER/,
    );
    db.prepare('INSERT INTO license_cache_holder(holder_hash, type_code, license_id) VALUES (?, ?, ?)').run(
      'p',
      '111002',
      lastInsertRowid,
    );
    db.prepare('DELETE FROM license_cache WHERE id = ?').run(lastInsertRowid);
    expect(db.prepare('SELECT count(*) AS n FROM license_cache_holder').get()).toEqual({ n: 0 });
    expect(() => db.prepare('INSERT INTO data_key_check(id, fingerprint) VALUES (2, ?)').run('f')).toThrow(/CHECK/);
  });
});
