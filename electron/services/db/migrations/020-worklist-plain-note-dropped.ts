import type Database from 'better-sqlite3';
import type { Migration } from '../migrate';

type Db = Database.Database;

/**
 * Drops the plain `worklist_steps.note` column that 018 left behind (018 added `note_sealed`).
 *
 * Why not simply `ALTER TABLE … DROP COLUMN note`: SQLite refuses it here, since 018's CHECK on
 * `note_sealed` and both of its triggers name `note`; so the table is rebuilt (new table, rows
 * copied with their ids, the old one dropped, the new one renamed, index and triggers made again).
 * Nothing references worklist_steps, so dropping it with foreign keys on is safe.
 *
 * Why it may leave the column for later: only the worklist service can seal a plain note (the
 * data key is read after the database opens and migrates, see 018), and 018 left the plain notes
 * in `note` until the service's first start. A terminal at 018–019 that has started since has
 * none left; one that upgrades from ≤017 straight to 020 (or never started its worklist service
 * after 018) still holds plain notes, and dropping the column would lose them. So:
 * - no non-empty plain note left: the column is dropped here (an empty one says nothing);
 * - otherwise the table is left exactly as 018 made it, and the worklist service's start
 *   (`sealPlainNotes`, worklist/notes.ts) does this same rebuild with the key, sealing each plain
 *   note into the new table in the one transaction, then compacts the file so no old copy stays.
 * Either way, after the first start of a terminal at 020 the column is gone. The alternative,
 * refusing to migrate until sealed, would keep the terminal from opening its database at all.
 */
export const m020: Migration = {
  version: 20,
  name: 'worklist-plain-note-dropped',
  up(db) {
    if (!hasPlainNoteColumn(db)) return;
    const plain = db
      .prepare("SELECT count(*) FROM worklist_steps WHERE note IS NOT NULL AND note <> ''")
      .pluck()
      .get() as number;
    if (plain === 0) dropPlainNoteColumn(db);
  },
};

/** Whether worklist_steps still has 018's plain `note` column. */
export function hasPlainNoteColumn(db: Db): boolean {
  return db.prepare("SELECT 1 FROM pragma_table_info('worklist_steps') WHERE name = 'note'").pluck().get() === 1;
}

/**
 * Rebuilds worklist_steps without `note`; call inside a transaction. `seal` gives a plain note's
 * sealed form (the worklist service passes its cipher's); without it a non-empty plain note is an
 * error, never dropped. Returns how many notes were sealed.
 */
export function dropPlainNoteColumn(db: Db, seal?: (taskId: number, stepId: number, note: string) => Buffer): number {
  if (!db.inTransaction) throw new Error('dropPlainNoteColumn runs inside a transaction');
  db.exec(`
    CREATE TABLE worklist_steps_020 (
      id INTEGER PRIMARY KEY,
      task_id INTEGER NOT NULL REFERENCES worklist_tasks(id),
      step TEXT NOT NULL,
      by_id TEXT NOT NULL,
      at TEXT NOT NULL,
      note_sealed BLOB CHECK (note_sealed IS NULL OR length(note_sealed) BETWEEN 29 AND 1529)
    ) STRICT;
    INSERT INTO worklist_steps_020(id, task_id, step, by_id, at, note_sealed)
      SELECT id, task_id, step, by_id, at, note_sealed FROM worklist_steps ORDER BY id;
  `);
  const plain = db
    .prepare("SELECT id, task_id, note FROM worklist_steps WHERE note IS NOT NULL AND note <> '' ORDER BY id")
    .all() as Array<{ id: number; task_id: number; note: string }>;
  if (plain.length && !seal)
    throw new Error(`worklist_steps holds ${plain.length} plain notes; they are sealed before the column is dropped`);
  const put = db.prepare('UPDATE worklist_steps_020 SET note_sealed = ? WHERE id = ?');
  for (const s of plain) put.run(seal!(s.task_id, s.id, s.note), s.id);
  db.exec(`
    DROP TABLE worklist_steps;
    ALTER TABLE worklist_steps_020 RENAME TO worklist_steps;
    CREATE INDEX worklist_steps_task ON worklist_steps(task_id);
    CREATE TRIGGER worklist_steps_no_update BEFORE UPDATE ON worklist_steps
      BEGIN SELECT RAISE(ABORT, 'a worklist step is a record and cannot be changed'); END;
    CREATE TRIGGER worklist_steps_no_delete BEFORE DELETE ON worklist_steps
      BEGIN SELECT RAISE(ABORT, 'a worklist step is a record and cannot be deleted'); END;
  `);
  return plain.length;
}
