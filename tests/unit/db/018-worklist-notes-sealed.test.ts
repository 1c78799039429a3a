import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCipher } from '../../../electron/services/crypto';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';
import { sealNote } from '../../../electron/services/worklist/notes';
import { addStep, steps } from '../../../electron/services/worklist/store';
import { plaintextHits, tempDir } from '../../helpers/licenses';

/**
 * A terminal from before 018 has plain notes in worklist_steps.note (a real file, WAL mode, as the
 * terminal opens it). 018 adds note_sealed and its rules, and keeps the old notes (it has no key to
 * seal them). Sealing them at the service's start, dropping the plain column and the byte scan of
 * the files afterwards are 020's (tests/unit/db/020-worklist-plain-note-dropped.test.ts); here the
 * file is brought to 018 only, and sealed the one way 018's update rule allows.
 */
describe('018 worklist-notes-sealed: a step note is sealed, old plain notes sealed once', () => {
  const t = tempDir('counter-018-');
  afterAll(() => t.cleanup());
  const file = join(t.dir, 'counter.db');
  const files = [file, `${file}-wal`, `${file}-shm`];
  const cipher = createCipher(randomBytes(32));
  // Distinctive, so a hit can only be the note; enough rows that the table spans several pages.
  const noteOf = (i: number) => `联系到女儿李秀芝-${i}，他住院了 NOTE-018-${String(i).padStart(4, '0')}`;
  const N = 300;

  const old = new Database(file);
  old.pragma('journal_mode = WAL');
  migrate(old, migrations, 17);
  old
    .prepare(
      "INSERT INTO worklists(id, programme, item_code, area, as_of, created_by, created_at) VALUES ('WL1', 'p', 'i', '110901001', '2026-12-01', 'st', 't')",
    )
    .run();
  const task = old.prepare(
    "INSERT INTO worklist_tasks(worklist_id, seq, subject, person, updated_at) VALUES ('WL1', ?, ?, x'00', 't')",
  );
  task.run(1, 's1');
  task.run(2, 's2');
  const step = old.prepare(
    "INSERT INTO worklist_steps(task_id, step, note, by_id, at) VALUES (?, 'reached', ?, 'st', 't')",
  );
  for (let i = 1; i <= N; i++) step.run(1 + (i % 2), noteOf(i));
  old.prepare("INSERT INTO worklist_steps(task_id, step, by_id, at) VALUES (1, 'found', 'st', 't')").run();
  old.pragma('wal_checkpoint(TRUNCATE)');
  old.close();
  expect(plaintextHits(files, [noteOf(7)]), 'the scan sees a plain note').not.toEqual([]);

  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, migrations, 18); // 018 only; a terminal's start goes on to the latest (020 then waits for the seal)

  it('keeps the old notes as they were (018 has no key to seal them) and adds an empty note_sealed', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(18);
    expect(db.prepare('SELECT count(*) FROM worklist_steps WHERE note IS NOT NULL').pluck().get()).toBe(N);
    expect(db.prepare('SELECT count(*) FROM worklist_steps WHERE note_sealed IS NOT NULL').pluck().get()).toBe(0);
  });

  it('refuses a new step with a plain note, and any change of a step other than sealing its note', () => {
    expect(() =>
      db
        .prepare("INSERT INTO worklist_steps(task_id, step, note, by_id, at) VALUES (1, 'reached', 'x', 'st', 't')")
        .run(),
    ).toThrow(/never plain/);
    expect(() => db.prepare("UPDATE worklist_steps SET step = 'x' WHERE id = 1").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare("UPDATE worklist_steps SET note = 'other' WHERE id = 1").run()).toThrow(
      /cannot be changed/,
    );
    // Sealing while changing something else is refused too.
    expect(() =>
      db
        .prepare("UPDATE worklist_steps SET note = NULL, note_sealed = ?, by_id = 'x' WHERE id = 1")
        .run(randomBytes(40)),
    ).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM worklist_steps WHERE id = 1').run()).toThrow(/cannot be deleted/);
  });

  it('caps a sealed note as the plain one was (500 characters) and refuses a note both plain and sealed', () => {
    const ins = db.prepare(
      "INSERT INTO worklist_steps(task_id, step, note_sealed, by_id, at) VALUES (1, 'x', ?, 'st', 't')",
    );
    const savepoint = db.transaction((f: () => void) => {
      f();
      throw new Error('rollback');
    });
    expect(() => ins.run(randomBytes(1530))).toThrow(/CHECK/);
    expect(() => ins.run(randomBytes(10))).toThrow(/CHECK/);
    expect(() => savepoint(() => ins.run(randomBytes(1529)))).toThrow('rollback');
    // The longest note the API takes, in characters of 3 UTF-8 bytes, fits.
    expect(() => savepoint(() => addStep(db, cipher, 1, 'reached', 'st', '李'.repeat(500)))).toThrow('rollback');
    expect(() => addStep(db, cipher, 1, 'reached', 'st', '李'.repeat(501))).toThrow(/at most 500/);
    expect(() => db.prepare('UPDATE worklist_steps SET note_sealed = ? WHERE id = 1').run(randomBytes(40))).toThrow(
      /CHECK|cannot be changed/,
    );
  });

  it('lets a plain note become sealed once, nothing else of the step changing, and never back', () => {
    const plain = db
      .prepare('SELECT id, task_id, note FROM worklist_steps WHERE note IS NOT NULL ORDER BY id')
      .all() as Array<{
      id: number;
      task_id: number;
      note: string;
    }>;
    expect(plain).toHaveLength(N);
    const seal = db.prepare('UPDATE worklist_steps SET note = NULL, note_sealed = ? WHERE id = ?');
    db.transaction(() => {
      for (const s of plain) seal.run(sealNote(cipher, s.task_id, s.id, s.note), s.id);
    })();
    expect(db.prepare('SELECT count(*) FROM worklist_steps WHERE note IS NOT NULL').pluck().get()).toBe(0);
    const one = steps(db, cipher, 1);
    const two = steps(db, cipher, 2);
    expect(one.filter((s) => s.note).length + two.filter((s) => s.note).length).toBe(N);
    expect(two[0]).toMatchObject({ step: 'reached', by: 'st', note: noteOf(1) });
    expect(one.at(-1)).toEqual({ id: expect.any(Number), step: 'found', by: 'st', at: 't' });
    // Sealed now, the step is a record again: not even the seal can be taken back.
    expect(() => db.prepare("UPDATE worklist_steps SET note = 'x', note_sealed = NULL WHERE id = 1").run()).toThrow(
      /cannot be changed/,
    );
    db.close();
  });
});
