import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('016 signatures: a withdrawn request can be asked again', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 15);
  const h = 'b'.repeat(64);
  const ask = db.prepare(
    "INSERT INTO signatures(case_id, document, signer, signer_label, title, document_hash, requested_at) VALUES ('C1', 'consent', 'member:1', '{}', '{}', ?, 't')",
  );
  ask.run(h);
  db.prepare("UPDATE signatures SET state = 'withdrawn' WHERE id = 1").run();

  it('before 016 the withdrawn row blocks the same request', () => {
    expect(() => ask.run(h)).toThrow(/UNIQUE/);
  });

  it('after 016 a new pending row follows the withdrawn one; two live rows are still refused', () => {
    migrate(db, migrations, 16);
    ask.run(h);
    expect(() => ask.run(h)).toThrow(/UNIQUE/);
    db.prepare("UPDATE signatures SET state = 'signed', signature = x'00', signed_at = 't2' WHERE id = 2").run();
    expect(() => ask.run(h)).toThrow(/UNIQUE/);
    expect(
      (db.prepare('SELECT state FROM signatures ORDER BY id').all() as { state: string }[]).map((r) => r.state),
    ).toEqual(['withdrawn', 'signed']);
  });
});
