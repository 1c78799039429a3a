import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, MigrationError } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';
import { openDatabase } from '../../../electron/services/db/open';

const tmp = () => join(mkdtempSync(join(tmpdir(), 'counter-db-')), 'counter.db');

describe('migrations', () => {
  it('brings a new file to the latest version in WAL mode', () => {
    const db = openDatabase(tmp());
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('is idempotent on reopen', () => {
    const file = tmp();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('refuses a database from a newer app', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db, migrations)).toThrow(MigrationError);
  });

  it('rolls back a failing migration together with its version bump', () => {
    const db = new Database(':memory:');
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE x(a)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) c FROM sqlite_master WHERE name='x'").get()).toEqual({ c: 0 });
  });

  it('001 creates the settings table', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 1);
    db.prepare('INSERT INTO settings(key, value) VALUES (?, ?)').run('lang', 'zh-CN');
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('lang')).toEqual({ value: 'zh-CN' });
  });
});
