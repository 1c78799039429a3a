import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('009 citizen', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 9);
  const h = 'a'.repeat(64);
  const rate = db.prepare(
    "INSERT INTO ratings(case_id, item_code, clerk_id, level, bad, rated_at, deadline, record, record_hash) VALUES (?, 'I1', 'clerk1', ?, ?, 't', ?, '{}', ?)",
  );

  it('gives accounts a staff number and a small optional photo', () => {
    db.prepare(
      "INSERT INTO accounts(id, display_name, roles, password, staff_no, photo) VALUES ('clerk1', '王芳', '[\"clerk\"]', 'x', 'SC0012', x'89504e47')",
    ).run();
    expect(db.prepare('SELECT staff_no FROM accounts').get()).toEqual({ staff_no: 'SC0012' });
    expect(() => db.prepare("UPDATE accounts SET staff_no = '' ").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE accounts SET photo = zeroblob(300000)').run()).toThrow(/CHECK/);
  });

  it('keeps one rating per case; a bad one has a deadline, "not rated" has no level', () => {
    rate.run('c1', 5, 1, '2026-12-22', h);
    rate.run('c2', null, 0, null, h);
    expect(() => rate.run('c1', 1, 0, null, h)).toThrow(/UNIQUE/);
    expect(() => rate.run('c3', 4, 0, null, h)).toThrow(/CHECK/);
    expect(() => rate.run('c4', 5, 1, null, h)).toThrow(/CHECK/);
    expect(() => rate.run('c5', 1, 0, null, 'short')).toThrow(/CHECK/);
  });

  it('never changes or drops a rating or a follow-up, and takes none after the close', () => {
    expect(() => db.prepare('UPDATE ratings SET level = 1').run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM ratings').run()).toThrow(/cannot be deleted/);
    const follow = db.prepare(
      "INSERT INTO rating_followups(rating_id, kind, note, by_id, at) VALUES (1, ?, 'n', 'sup', 't')",
    );
    follow.run('verify');
    expect(() => follow.run('other')).toThrow(/CHECK/);
    follow.run('close');
    expect(() => follow.run('callback')).toThrow(/closed/);
    expect(() => db.prepare("UPDATE rating_followups SET note = 'x'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM rating_followups').run()).toThrow(/cannot be deleted/);
  });
});
