import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('017 worklist-hall: shared worklists and the hall version of a task', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 16);
  db.prepare(
    "INSERT INTO worklists(id, programme, item_code, area, as_of, created_by, created_at) VALUES ('WL1', 'p', 'i', '110901001', '2026-12-01', 'st', 't')",
  ).run();
  db.prepare(
    "INSERT INTO worklist_tasks(worklist_id, seq, subject, person, updated_at) VALUES ('WL1', 1, 's', x'00', 't')",
  ).run();

  it("a worklist from before 017 is this terminal's own and unshared; its tasks unknown to the hall", () => {
    migrate(db, migrations, 17);
    expect(db.prepare('SELECT shared, origin, hall_since FROM worklists').get()).toEqual({
      shared: 0,
      origin: 'here',
      hall_since: null,
    });
    expect(db.prepare('SELECT hall_version FROM worklist_tasks').get()).toEqual({ hall_version: null });
  });

  it('refuses an unknown origin, a shared flag other than 0/1 and a negative hall version', () => {
    expect(() => db.prepare("UPDATE worklists SET origin = 'elsewhere'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE worklists SET shared = 2').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE worklist_tasks SET hall_version = -1').run()).toThrow(/CHECK/);
    db.prepare("UPDATE worklists SET shared = 1, origin = 'hall', hall_since = 5").run();
    db.prepare('UPDATE worklist_tasks SET hall_version = 3').run();
  });
});
