import type Database from 'better-sqlite3';
import type { RecordCipher } from '../crypto';
import { dropPlainNoteColumn, hasPlainNoteColumn } from '../db/migrations/020-worklist-plain-note-dropped';

type Db = Database.Database;

/** The cap the API schema (`worklist-schemas.ts`) and the hall apply, in UTF-16 units as zod counts. */
export const NOTE_MAX = 500;

/**
 * A step's note is personal data ("reached his daughter 李…"): sealed in `note_sealed` (migration
 * 018) under an AAD naming the table, the task and the step row, so a sealed note copied onto
 * another step or task fails its integrity check instead of showing there.
 */
export const noteAad = (taskId: number, stepId: number) => `worklist_steps/v1|${taskId}|${stepId}|note`;

export const sealNote = (cipher: RecordCipher, taskId: number, stepId: number, note: string): Buffer =>
  cipher.seal(note, noteAad(taskId, stepId));

export const openNote = (cipher: RecordCipher, taskId: number, stepId: number, blob: Buffer): string =>
  cipher.open(blob, noteAad(taskId, stepId)).toString('utf8');

const COMPACT_PENDING = 'worklist.notes.compactPending';

/**
 * Seals the plain notes a terminal wrote before migration 018, once, at the worklist service's
 * start, and drops the plain column: the migrations run when the database opens, before the data
 * key is read, so they cannot seal, and migration 020 drops the column itself only when it holds
 * no plain note (a terminal that upgrades from ≤017 straight to 020 still has them). One
 * transaction: 020's rebuild of worklist_steps without `note`, each plain note sealed into the new
 * table under its own step (`dropPlainNoteColumn`). That alone leaves the old words in the file
 * (the dropped table's freed pages; secure_delete does not reach all of them, the 018 test showed
 * it), so VACUUM rewrites the file from the live rows and the checkpoint moves that into the main
 * file and empties the WAL. If VACUUM cannot finish (the disk is full, another connection reads),
 * the notes are sealed all the same and it is tried again at the next start (`compacted: false`).
 */
export function sealPlainNotes(db: Db, cipher: RecordCipher): { sealed: number; compacted: boolean } {
  const pending = () => db.prepare('SELECT 1 FROM settings WHERE key = ?').pluck().get(COMPACT_PENDING) === 1;
  const column = hasPlainNoteColumn(db);
  if (!column && !pending()) return { sealed: 0, compacted: true };
  let sealed = 0;
  if (column)
    db.transaction(() => {
      sealed = dropPlainNoteColumn(db, (taskId, stepId, note) => sealNote(cipher, taskId, stepId, note));
      db.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES (?, '1')").run(COMPACT_PENDING);
    })();
  try {
    db.exec('VACUUM');
    const [cp] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (cp?.busy) return { sealed, compacted: false };
    db.prepare('DELETE FROM settings WHERE key = ?').run(COMPACT_PENDING);
    return { sealed, compacted: true };
  } catch {
    return { sealed, compacted: false };
  }
}
