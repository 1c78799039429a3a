import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('015 signatures', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 15);
  const h = 'b'.repeat(64);
  const ask = db.prepare(
    "INSERT INTO signatures(case_id, document, signer, signer_label, title, document_hash, requested_at) VALUES ('C1', 'application', ?, '{}', '{}', ?, 't')",
  );

  it('one request per case, document, signer and document version', () => {
    ask.run('applicant', h);
    ask.run('member:1', h);
    ask.run('applicant', 'c'.repeat(64));
    expect(() => ask.run('applicant', h)).toThrow(/UNIQUE/);
    expect(() => ask.run('applicant', 'short')).toThrow(/CHECK/);
  });

  it('a signed row carries its sealed signature and time; signed or withdrawn rows never change', () => {
    expect(() => db.prepare("UPDATE signatures SET state = 'signed' WHERE id = 1").run()).toThrow(/CHECK/);
    db.prepare("UPDATE signatures SET state = 'signed', signature = x'00', signed_at = 't2' WHERE id = 1").run();
    expect(() => db.prepare("UPDATE signatures SET signature = x'01' WHERE id = 1").run()).toThrow(/only from pending/);
    expect(() => db.prepare("UPDATE signatures SET state = 'pending' WHERE id = 2").run()).toThrow(/only from pending/);
    expect(() => db.prepare('UPDATE signatures SET document_hash = ? WHERE id = 2').run('d'.repeat(64))).toThrow(
      /only from pending/,
    );
    db.prepare("UPDATE signatures SET state = 'withdrawn' WHERE id = 3").run();
    expect(() => db.prepare('DELETE FROM signatures WHERE id = 3').run()).toThrow(/cannot be deleted/);
  });
});
