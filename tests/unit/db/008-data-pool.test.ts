import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('008 data pool', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 8);
  const subject = 'a'.repeat(64);
  const insert = db.prepare(
    "INSERT INTO data_pool(subject, key, value, item_code, case_id, confirmed_by, confirmed_at, expires_at) VALUES (?, ?, x'00', 'i', 'c', 'u', ?, ?)",
  );

  it('keeps one value per person and key', () => {
    insert.run(subject, 'phone', '2026-01-01', '2027-01-01');
    expect(() => insert.run(subject, 'phone', '2026-01-02', '2027-01-02')).toThrow(/UNIQUE|PRIMARY/);
    insert.run('b'.repeat(64), 'phone', '2026-01-01', '2027-01-01');
  });

  it('refuses a subject that is not a keyed hash, an empty key and an expiry before confirmation', () => {
    expect(() => insert.run('330102199001011234', 'phone', '2026-01-01', '2027-01-01')).toThrow(/CHECK/);
    expect(() => insert.run(subject, '', '2026-01-01', '2027-01-01')).toThrow(/CHECK/);
    expect(() => insert.run(subject, 'bank', '2026-01-01', '2025-01-01')).toThrow(/CHECK/);
  });

  it('keeps one application per case, of a case that exists', () => {
    expect(() =>
      db
        .prepare(
          "INSERT INTO case_application(case_id, item_code, form, departments, submitted_by, submitted_at) VALUES ('none', 'i', x'00', '[]', 'u', 't')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.pragma('foreign_keys = OFF');
    const put = db.prepare(
      "INSERT INTO case_application(case_id, item_code, form, departments, submitted_by, submitted_at) VALUES ('c1', 'i', x'00', '[]', 'u', 't')",
    );
    put.run();
    expect(() => put.run()).toThrow(/UNIQUE|PRIMARY/);
  });
});
