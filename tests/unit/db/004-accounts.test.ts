import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('004 accounts', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 4);
  const insert = db.prepare('INSERT INTO accounts(id, display_name, roles, password) VALUES (?, ?, ?, ?)');

  it('stores an account with safe defaults', () => {
    insert.run('li.na', '李娜', '["clerk"]', 'scrypt$15$8$1$s$h');
    expect(db.prepare('SELECT must_change, disabled, demo, failed_count, next_attempt_at FROM accounts').get()).toEqual(
      {
        must_change: 0,
        disabled: 0,
        demo: 0,
        failed_count: 0,
        next_attempt_at: 0,
      },
    );
  });

  it('refuses duplicate ids, empty role lists and non-JSON roles', () => {
    expect(() => insert.run('li.na', 'x', '["clerk"]', 'h')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('wang', 'x', '[]', 'h')).toThrow(/CHECK/);
    expect(() => insert.run('zhao', 'x', 'clerk', 'h')).toThrow(/CHECK|JSON/i);
    expect(() => insert.run('x', 'x', '["clerk"]', 'h')).toThrow(/CHECK/);
  });
});
