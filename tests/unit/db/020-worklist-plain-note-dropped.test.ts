import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCipher } from '../../../electron/services/crypto';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';
import { hasPlainNoteColumn } from '../../../electron/services/db/migrations/020-worklist-plain-note-dropped';
import { openDatabase } from '../../../electron/services/db/open';
import { sealNote, sealPlainNotes } from '../../../electron/services/worklist/notes';
import { addStep, steps } from '../../../electron/services/worklist/store';
import { plaintextHits, tempDir } from '../../helpers/licenses';

/**
 * 020 drops the plain worklist_steps.note column, by every path a terminal takes to it: a new
 * file; a terminal at 018 whose service has sealed its notes (dropped by the migration); and one
 * upgrading from 017 straight to 020 with plain notes, which only the service's start can seal
 * (the key is read after the migrations): 020 leaves the column and its notes, the start seals
 * them and drops it, and no plain note is left in counter.db, -wal or -shm.
 */
describe('020 worklist-plain-note-dropped', () => {
  const t = tempDir('counter-020-');
  afterAll(() => t.cleanup());
  const cipher = createCipher(randomBytes(32));
  const filesOf = (file: string) => [file, `${file}-wal`, `${file}-shm`];

  /** A terminal's file at `version` (WAL, as the terminal opens it) with one worklist of two tasks. */
  function at(name: string, version: number): { file: string; db: Database.Database } {
    const file = join(t.dir, name);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    migrate(db, migrations, version);
    db.prepare(
      "INSERT INTO worklists(id, programme, item_code, area, as_of, created_by, created_at) VALUES ('WL1', 'p', 'i', '110901001', '2026-12-01', 'st', 't')",
    ).run();
    const task = db.prepare(
      "INSERT INTO worklist_tasks(worklist_id, seq, subject, person, updated_at) VALUES ('WL1', ?, ?, x'00', 't')",
    );
    task.run(1, 's1');
    task.run(2, 's2');
    return { file, db };
  }

  const triggers = (db: Database.Database) =>
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'worklist_steps' ORDER BY name")
      .pluck()
      .all();

  it('a new file has no plain note column, and a step stays a record', () => {
    const db = openDatabase(join(t.dir, 'fresh.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    expect(hasPlainNoteColumn(db)).toBe(false);
    expect(triggers(db)).toEqual(['worklist_steps_no_delete', 'worklist_steps_no_update']);
    db.prepare(
      "INSERT INTO worklists(id, programme, item_code, area, as_of, created_by, created_at) VALUES ('WL1', 'p', 'i', '110901001', '2026-12-01', 'st', 't')",
    ).run();
    db.prepare(
      "INSERT INTO worklist_tasks(worklist_id, seq, subject, person, updated_at) VALUES ('WL1', 1, 's', x'00', 't')",
    ).run();
    addStep(db, cipher, 1, 'reached', 'st', '联系到本人');
    expect(steps(db, cipher, 1).at(-1)).toMatchObject({ step: 'reached', note: '联系到本人' });
    expect(() =>
      db
        .prepare("INSERT INTO worklist_steps(task_id, step, note, by_id, at) VALUES (1, 'x', 'plain', 'st', 't')")
        .run(),
    ).toThrow(/no column named note/);
    expect(() => db.prepare("UPDATE worklist_steps SET step = 'x'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('UPDATE worklist_steps SET note_sealed = NULL').run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM worklist_steps').run()).toThrow(/cannot be deleted/);
    const ins = db.prepare(
      "INSERT INTO worklist_steps(task_id, step, note_sealed, by_id, at) VALUES (1, 'x', ?, 'st', 't')",
    );
    expect(() => ins.run(randomBytes(1530))).toThrow(/CHECK/);
    expect(() => ins.run(randomBytes(28))).toThrow(/CHECK/);
    expect(() => ins.run(1)).toThrow(/cannot store .* value in BLOB column/);
    db.close();
  });

  it('from 018 with the notes sealed, the migration drops the column and keeps every step as it was', () => {
    const { file, db: old } = at('from-018.db', 17);
    // An empty plain note says nothing; it does not hold the column back.
    old.prepare("INSERT INTO worklist_steps(task_id, step, note, by_id, at) VALUES (1, 'found', '', 'st', 't1')").run();
    migrate(old, migrations, 18);
    const put = old.prepare(
      'INSERT INTO worklist_steps(id, task_id, step, note_sealed, by_id, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let id = 2; id <= 41; id++)
      put.run(id, 1 + (id % 2), 'reached', sealNote(cipher, 1 + (id % 2), id, `备注-${id}`), 'st', `t${id}`);
    put.run(42, 1, 'confirm', null, 'st2', 't42');
    const before = old
      .prepare('SELECT id, task_id, step, by_id, at, note_sealed FROM worklist_steps ORDER BY id')
      .all();
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    expect(hasPlainNoteColumn(db)).toBe(false);
    expect(
      db.prepare('SELECT id, task_id, step, by_id, at, note_sealed FROM worklist_steps ORDER BY id').all(),
    ).toEqual(before);
    expect(
      steps(db, cipher, 2)
        .filter((s) => s.note)
        .map((s) => s.note),
    ).toEqual(Array.from({ length: 20 }, (_, i) => `备注-${2 * i + 3}`));
    expect(triggers(db)).toEqual(['worklist_steps_no_delete', 'worklist_steps_no_update']);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'worklist_steps_task'").pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Nothing left for the service's start to do.
    expect(sealPlainNotes(db, cipher)).toEqual({ sealed: 0, compacted: true });
    db.close();
  });

  describe('from 017 with plain notes, straight to 020', () => {
    const N = 300;
    // Distinctive, so a hit can only be the note; enough rows that the table spans several pages.
    const noteOf = (i: number) => `联系到女儿李秀芝-${i}，他住院了 NOTE-020-${String(i).padStart(4, '0')}`;
    const { file, db: old } = at('from-017.db', 17);
    const step = old.prepare(
      "INSERT INTO worklist_steps(task_id, step, note, by_id, at) VALUES (?, 'reached', ?, 'st', 't')",
    );
    for (let i = 1; i <= N; i++) step.run(1 + (i % 2), noteOf(i));
    old.prepare("INSERT INTO worklist_steps(task_id, step, by_id, at) VALUES (1, 'found', 'st', 't')").run();
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    const files = filesOf(file);
    const needles = [...Array.from({ length: N }, (_, i) => `NOTE-020-${String(i + 1).padStart(4, '0')}`), '李秀芝'];
    expect(plaintextHits(files, [noteOf(7)]), 'the scan sees a plain note').not.toEqual([]);

    const db = openDatabase(file); // 018, 019 and 020, as a terminal's start does

    it("020 loses none of them: the column stays, with 018's rules, until the service can seal", () => {
      expect(db.pragma('user_version', { simple: true })).toBe(20);
      expect(hasPlainNoteColumn(db)).toBe(true);
      expect(db.prepare('SELECT count(*) FROM worklist_steps WHERE note IS NOT NULL').pluck().get()).toBe(N);
      expect(triggers(db)).toEqual([
        'worklist_steps_no_delete',
        'worklist_steps_no_plain_note',
        'worklist_steps_no_update',
      ]);
    });

    it('the service start seals them all into the rebuilt table, drops the column, and no plain copy is left', () => {
      // Another connection reading an old snapshot keeps the WAL from being emptied: the notes are
      // sealed and the column dropped all the same, and the compaction is tried again at the next start.
      const reader = new Database(file, { readonly: true });
      reader.prepare('BEGIN').run();
      reader.prepare('SELECT count(*) FROM worklist_steps').get();
      db.pragma('busy_timeout = 0');
      expect(sealPlainNotes(db, cipher)).toEqual({ sealed: N, compacted: false });
      expect(hasPlainNoteColumn(db)).toBe(false);
      reader.prepare('COMMIT').run();
      reader.close();
      expect(sealPlainNotes(db, cipher)).toEqual({ sealed: 0, compacted: true });
      expect(sealPlainNotes(db, cipher)).toEqual({ sealed: 0, compacted: true });
      const one = steps(db, cipher, 1);
      const two = steps(db, cipher, 2);
      expect(one.filter((s) => s.note).length + two.filter((s) => s.note).length).toBe(N);
      expect(two[0]).toMatchObject({ step: 'reached', by: 'st', note: noteOf(1) });
      expect(one.at(-1)).toEqual({ id: expect.any(Number), step: 'found', by: 'st', at: 't' });
      expect(triggers(db)).toEqual(['worklist_steps_no_delete', 'worklist_steps_no_update']);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(plaintextHits(files, needles)).toEqual([]);
      db.close();
      expect(plaintextHits(files, needles)).toEqual([]);
      // And opened again, nothing moves.
      const again = openDatabase(file);
      expect(hasPlainNoteColumn(again)).toBe(false);
      expect(steps(again, cipher, 2)[0]).toMatchObject({ note: noteOf(1) });
      again.close();
    });
  });
});
