import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('007 outbox', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 7);
  const insert = db.prepare(
    "INSERT INTO outbox(kind, receiver, key, seq, case_id, payload, payload_hash, next_attempt_at, created_at) VALUES ('submission', ?, ?, ?, 'c1', x'00', 'h', 0, 't')",
  );

  it('keeps one message per (receiver, key) and per (receiver, seq)', () => {
    insert.run('department:A', 'key-00000001', 1);
    insert.run('department:B', 'key-00000001', 1);
    expect(() => insert.run('department:A', 'key-00000001', 2)).toThrow(/UNIQUE/);
    expect(() => insert.run('department:A', 'key-00000002', 1)).toThrow(/UNIQUE/);
    expect(() => insert.run('department:A', 'key-00000003', 0)).toThrow(/CHECK/);
  });

  it('ties state to its timestamps and errors', () => {
    expect(() => db.prepare("UPDATE outbox SET state = 'delivered' WHERE key = 'key-00000001'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE outbox SET state = 'dead' WHERE key = 'key-00000001'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE outbox SET final = 1 WHERE key = 'key-00000001'").run()).toThrow(/CHECK/);
  });

  it('never re-points a message, and never drops one still owed', () => {
    expect(() => db.prepare("UPDATE outbox SET key = 'other-key-1' WHERE receiver = 'department:A'").run()).toThrow(
      /keeps its kind/,
    );
    expect(() => db.prepare("UPDATE outbox SET case_id = 'c2' WHERE receiver = 'department:A'").run()).toThrow(
      /keeps its kind/,
    );
    expect(() => db.prepare("UPDATE outbox SET seq = 9 WHERE receiver = 'department:A'").run()).toThrow(
      /keeps its kind/,
    );
    expect(() => db.prepare("DELETE FROM outbox WHERE receiver = 'department:A'").run()).toThrow(/cannot be deleted/);
    db.prepare(
      "UPDATE outbox SET state = 'delivered', delivered_at = 't', final = 1 WHERE receiver = 'department:A'",
    ).run();
    db.prepare("DELETE FROM outbox WHERE receiver = 'department:A'").run();
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
  });
});
