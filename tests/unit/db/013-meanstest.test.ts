import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('013 meanstest', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 13);
  const h = 'a'.repeat(64);
  const consent = db.prepare(
    "INSERT INTO meanstest_consents(case_id, member_key, kind, by_guardian, document_hash, record, clerk_id, at) VALUES ('c1', 'm1', ?, ?, ?, x'00', 'clerk1', 't')",
  );
  const run = db.prepare(
    "INSERT INTO meanstest_runs(case_id, run_no, conclusion, missing, result, result_hash, clerk_id, at) VALUES ('c1', ?, ?, ?, x'00', ?, 'clerk1', 't')",
  );

  it('keeps consents of three kinds, bound to a 64-hex document hash', () => {
    consent.run('signed', 0, h);
    consent.run('paper', 1, h);
    consent.run('refused', 0, h);
    expect(() => consent.run('maybe', 0, h)).toThrow(/CHECK/);
    expect(() => consent.run('signed', 2, h)).toThrow(/CHECK/);
    expect(() => consent.run('signed', 0, 'short')).toThrow(/CHECK/);
  });

  it('never changes or drops a consent', () => {
    expect(() => db.prepare("UPDATE meanstest_consents SET kind = 'signed'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM meanstest_consents').run()).toThrow(/cannot be deleted/);
  });

  it('numbers runs per case once each, with a known conclusion and JSON missing sources', () => {
    run.run(1, 'review', '["tax"]', h);
    run.run(2, 'eligible', '[]', h);
    expect(() => run.run(2, 'eligible', '[]', h)).toThrow(/UNIQUE/);
    expect(() => run.run(3, 'maybe', '[]', h)).toThrow(/CHECK/);
    expect(() => run.run(4, 'eligible', 'not json', h)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE meanstest_runs SET conclusion = 'eligible'").run()).toThrow(/cannot be changed/);
  });
});
