import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';
import { m014 } from '../../../electron/services/db/migrations/014-case-documents';

describe('migration 014 (case documents: application and receipt prints)', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, m014.version - 1);
  db.prepare(
    "INSERT INTO cases (id, hall_id, counter_id, clerk_id, source, subject_hash, person, card_read_at) VALUES ('c1', 'H1', 'C1', 'k', 'card', 'h', x'01', 't')",
  ).run();
  migrate(db, migrations, m014.version);
  const insert = (kind: string, title: string) =>
    db
      .prepare(
        "INSERT INTO case_documents (case_id, kind, title, page, document, issued_at) VALUES ('c1', ?, ?, 'A4', x'00', 't')",
      )
      .run(kind, title);

  it('keeps one document of each kind per case, each under a title of its own', () => {
    insert('receipt', 'c1 受理回执');
    expect(() => insert('receipt', 'c1 other')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert('application', 'c1 受理回执')).toThrow(/UNIQUE/);
    expect(() => insert('certificate', 'c1 证明')).toThrow(/CHECK/);
  });

  it('refuses a completed print without a job, and a send under way without its printer', () => {
    const upd = (sql: string) => () => db.prepare(`UPDATE case_documents SET ${sql} WHERE case_id = 'c1'`).run();
    expect(upd("job_completed_at = 't'")).toThrow(/CHECK/);
    expect(upd("send_started_at = 't'")).toThrow(/CHECK/);
    expect(upd("send_started_at = 't', send_printer = 'q'")).not.toThrow();
  });

  it('refuses a document of a case that does not exist', () => {
    db.pragma('foreign_keys = ON');
    expect(() =>
      db
        .prepare(
          "INSERT INTO case_documents (case_id, kind, title, page, document, issued_at) VALUES ('nope', 'receipt', 'x', 'A4', x'00', 't')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
