import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('010 batch', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 10);
  db.prepare(
    "INSERT INTO batch_jobs(id, item_code, reason, clerk_id, source, mapping, created_at) VALUES ('B1', 'senior-card', '批量核验', 'c1', x'00', '{}', 't')",
  ).run();
  const row = db.prepare(
    "INSERT INTO batch_rows(job_id, seq, outcome, problem, input, checks, checked_at) VALUES ('B1', ?, ?, ?, x'00', ?, 't')",
  );

  it('keeps one row per line, and a bad-input row names its problem', () => {
    row.run(1, 'passed', null, Buffer.from('c'));
    expect(() => row.run(1, 'failed', null, Buffer.from('c'))).toThrow(/UNIQUE|PRIMARY/);
    row.run(2, 'bad-input', 'duplicate', null);
    expect(() => row.run(3, 'bad-input', null, null)).toThrow(/CHECK/);
    expect(() => row.run(4, 'failed', null, null)).toThrow(/CHECK/);
    expect(() => row.run(0, 'passed', null, Buffer.from('c'))).toThrow(/CHECK/);
  });

  it('never rewrites a checked row', () => {
    expect(() => db.prepare("UPDATE batch_rows SET outcome = 'failed' WHERE seq = 1").run()).toThrow(/never rewritten/);
  });

  it('ties a finished state to its time', () => {
    expect(() => db.prepare("UPDATE batch_jobs SET state = 'done'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE batch_jobs SET state = 'done', finished_at = 't'").run();
    expect(() => db.prepare("UPDATE batch_jobs SET state = 'bogus'").run()).toThrow(/CHECK/);
  });
});
