import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('011 hall link', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 11);
  const link = db.prepare(
    "INSERT INTO hall_link(id, url, terminal_id, secret, name, paired_by, paired_at) VALUES (?, ?, 't-1', x'00', 'H/W1', 'admin', 't')",
  );

  it('keeps at most one pairing, with a plausible URL', () => {
    link.run(1, 'http://127.0.0.1:8700');
    expect(() => link.run(2, 'http://127.0.0.1:8700')).toThrow(/CHECK/);
    expect(() => link.run(1, 'http://127.0.0.1:8700')).toThrow(/UNIQUE|PRIMARY/);
    db.prepare('DELETE FROM hall_link').run();
    expect(() => link.run(1, 'x')).toThrow(/CHECK/);
  });

  it('has one tail cursor, never negative, and remembers each reported case once', () => {
    db.prepare('INSERT INTO hall_tail(id, audit_seq) VALUES (1, 5)').run();
    expect(() => db.prepare('INSERT INTO hall_tail(id, audit_seq) VALUES (2, 5)').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE hall_tail SET audit_seq = -1').run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO hall_case_opened(case_id) VALUES ('c1')").run();
    expect(() => db.prepare("INSERT INTO hall_case_opened(case_id) VALUES ('c1')").run()).toThrow(/UNIQUE|PRIMARY/);
    db.prepare("INSERT INTO hall_case_decided(case_id) VALUES ('c1')").run();
    expect(() => db.prepare("INSERT INTO hall_case_decided(case_id) VALUES ('c1')").run()).toThrow(/UNIQUE|PRIMARY/);
  });
});
