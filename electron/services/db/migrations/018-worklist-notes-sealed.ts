import type { Migration } from '../migrate';

/**
 * A worklist step's note is personal data ("reached his daughter 李…, he is in hospital"), so it
 * is sealed like the task's person: `note_sealed` (aad `worklist_steps/v1|<task>|<step>|note`,
 * worklist/notes.ts). A new column, not a rebuilt table: `note` is STRICT TEXT and cannot hold the
 * envelope, and a rebuild could not seal anyway, since migrations run when the database opens,
 * before the data key is read. So the notes already written stay in `note` until the worklist
 * service seals them at its start (`sealPlainNotes`, one transaction), and from here on:
 * - no step is inserted with a plain note;
 * - the one update a step may take is that seal: a plain note becomes a sealed one, nothing else
 *   of the row changes, and never back (the append-only trigger is recreated with that exception);
 * - a sealed note fits the old cap: 500 UTF-16 units are at most 1,500 UTF-8 bytes, plus the
 *   29 bytes of the envelope.
 */
export const m018: Migration = {
  version: 18,
  name: 'worklist-notes-sealed',
  up(db) {
    db.exec(`
      ALTER TABLE worklist_steps ADD COLUMN note_sealed BLOB
        CHECK (note_sealed IS NULL OR (note IS NULL AND length(note_sealed) BETWEEN 29 AND 1529));
      DROP TRIGGER worklist_steps_no_update;
      CREATE TRIGGER worklist_steps_no_update BEFORE UPDATE ON worklist_steps
        WHEN NOT (OLD.note IS NOT NULL AND NEW.note IS NULL AND OLD.note_sealed IS NULL AND NEW.note_sealed IS NOT NULL
          AND NEW.id = OLD.id AND NEW.task_id = OLD.task_id AND NEW.step = OLD.step
          AND NEW.by_id = OLD.by_id AND NEW.at = OLD.at)
        BEGIN SELECT RAISE(ABORT, 'a worklist step is a record and cannot be changed'); END;
      CREATE TRIGGER worklist_steps_no_plain_note BEFORE INSERT ON worklist_steps WHEN NEW.note IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a worklist step note is stored sealed (note_sealed), never plain'); END;
    `);
  },
};
