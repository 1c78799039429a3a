import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';

describe('012 worklists', () => {
  const db = new Database(':memory:');
  migrate(db, migrations, 12);
  const list = db.prepare(
    "INSERT INTO worklists(id, programme, item_code, area, as_of, created_by, created_at, state, error) VALUES (?, 'p', 'i', ?, '2026-12-01', 'st', 't', ?, ?)",
  );
  const task = db.prepare(
    "INSERT INTO worklist_tasks(worklist_id, seq, subject, person, updated_at) VALUES ('WL1', ?, ?, x'00', 't')",
  );

  it('takes an area code of 6, 9 or 12 digits, and a failed worklist says why', () => {
    list.run('WL1', '110901001', 'building', null);
    expect(() => list.run('WL2', '1109', 'building', null)).toThrow(/CHECK/);
    expect(() => list.run('WL3', '110901', 'failed', null)).toThrow(/CHECK/);
    list.run('WL4', '110901', 'failed', 'registry down');
  });

  it('puts a person on a worklist once', () => {
    task.run(1, 'subj-a');
    expect(() => task.run(2, 'subj-a')).toThrow(/UNIQUE/);
    expect(() => task.run(1, 'subj-b')).toThrow(/UNIQUE/);
  });

  it('a delivered task names who and when, and an output-made one its output', () => {
    expect(() => db.prepare("UPDATE worklist_tasks SET state = 'delivered' WHERE seq = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE worklist_tasks SET state = 'output-made' WHERE seq = 1").run()).toThrow(/CHECK/);
    db.prepare("UPDATE worklist_tasks SET state = 'output-made', output_ref = 'S1' WHERE seq = 1").run();
    db.prepare(
      "UPDATE worklist_tasks SET state = 'delivered', delivered_by = 'st', delivered_at = 't' WHERE seq = 1",
    ).run();
    expect(() => db.prepare("UPDATE worklist_tasks SET state = 'lost'").run()).toThrow(/CHECK/);
  });

  it('never changes or drops a step, nor drops a task', () => {
    db.prepare("INSERT INTO worklist_steps(task_id, step, by_id, at) VALUES (1, 'reached', 'st', 't')").run();
    expect(() => db.prepare("UPDATE worklist_steps SET step = 'x'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM worklist_steps').run()).toThrow(/cannot be deleted/);
    expect(() => db.prepare('DELETE FROM worklist_tasks').run()).toThrow(/cannot be deleted/);
  });
});
