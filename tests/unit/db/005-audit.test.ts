import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

const ZERO = '0'.repeat(64);

describe('005 audit', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 5);
  const insert = db.prepare("INSERT INTO audit_log(seq, at, action, prev_hash, hash) VALUES (?, 't', 'x', ?, ?)");

  it('accepts only entries that extend the chain by one', () => {
    insert.run(1, ZERO, 'h1');
    expect(() => insert.run(3, 'h1', 'h3')).toThrow(/extend the chain/);
    expect(() => insert.run(2, 'wrong', 'h2')).toThrow(/extend the chain/);
    insert.run(2, 'h1', 'h2');
    expect(db.prepare('SELECT count(*) n FROM audit_log').get()).toEqual({ n: 2 });
  });

  it('refuses UPDATE and DELETE on entries and checkpoints', () => {
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    db.prepare(
      "INSERT INTO audit_checkpoint(seq, hash, at, public_key, signature) VALUES (2, 'h2', 't', 'k', 's')",
    ).run();
    expect(() => db.prepare("UPDATE audit_checkpoint SET hash = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_checkpoint').run()).toThrow(/append-only/);
  });
});
