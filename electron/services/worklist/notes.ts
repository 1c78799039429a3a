import type Database from 'better-sqlite3';
import type { RecordCipher } from '../crypto';

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
 * start: the migration runs when the database opens, before the data key is read, so it cannot
 * seal. One transaction; 018's update trigger lets a step change only this way (plain note to
 * sealed, nothing else). Sealing alone leaves the old words in the file (the freed cells, the
 * pages the longer rows moved off; secure_delete does not reach those, the 018 test shows it),
 * so VACUUM rewrites the file from the live rows and the checkpoint moves that into the main file
 * and empties the WAL. If VACUUM cannot finish (the disk is full, another connection reads), the
 * notes are sealed all the same and it is tried again at the next start (`compacted: false`).
 */
export function sealPlainNotes(db: Db, cipher: RecordCipher): { sealed: number; compacted: boolean } {
  const plain = db
    .prepare('SELECT id, task_id, note FROM worklist_steps WHERE note IS NOT NULL ORDER BY id')
    .all() as Array<{ id: number; task_id: number; note: string }>;
  const pending = () => db.prepare('SELECT 1 FROM settings WHERE key = ?').pluck().get(COMPACT_PENDING) === 1;
  if (!plain.length && !pending()) return { sealed: 0, compacted: true };
  const seal = db.prepare('UPDATE worklist_steps SET note = NULL, note_sealed = ? WHERE id = ?');
  db.transaction(() => {
    for (const s of plain) seal.run(sealNote(cipher, s.task_id, s.id, s.note), s.id);
    db.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES (?, '1')").run(COMPACT_PENDING);
  })();
  try {
    db.exec('VACUUM');
    const [cp] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (cp?.busy) return { sealed: plain.length, compacted: false };
    db.prepare('DELETE FROM settings WHERE key = ?').run(COMPACT_PENDING);
    return { sealed: plain.length, compacted: true };
  } catch {
    return { sealed: plain.length, compacted: false };
  }
}
