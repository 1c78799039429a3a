import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('migration 006 (print send under way)', () => {
  it('adds send_started_at and send_printer to cases, keeping existing rows (NULL: no send under way)', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 5);
    db.prepare(
      "INSERT INTO cases (id, hall_id, counter_id, clerk_id, source, subject_hash, person, card_read_at) VALUES ('c1', 'H1', 'C1', 'k', 'card', 'h', x'01', 't')",
    ).run();
    expect(migrate(db, migrations, 6)).toBe(6);
    const cols = (db.prepare('PRAGMA table_info(cases)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['send_started_at', 'send_printer']));
    expect(db.prepare("SELECT send_started_at, send_printer FROM cases WHERE id = 'c1'").get()).toEqual({
      send_started_at: null,
      send_printer: null,
    });
  });
});
