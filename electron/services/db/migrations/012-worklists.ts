import type { Migration } from '../migrate';

/**
 * Proactive worklists (主动服务): a worklist is a programme run for a station's area on one day;
 * each person the registry answered is a task that moves to contact → contacted (reached, not
 * reached, declined) → confirmed → output made (card printed or application submitted, without
 * the citizen at the counter) → delivered.
 *
 * Nothing readable about a person: the task's person (name, ID number, what the programme asked
 * for) is sealed (aad `worklist_tasks/v1|<worklist>|<seq>`); `subject` is the audit subject (a
 * keyed hash of the ID number), so a person is on a worklist once and earlier worklists of the
 * programme can be consulted without opening anything. Every step is a row of `worklist_steps`,
 * append-only: the task's `state` is the last step's, kept on the task for filters and counts.
 */
export const m012: Migration = {
  version: 12,
  name: 'worklists',
  up(db) {
    db.exec(`
      CREATE TABLE worklists (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        programme TEXT NOT NULL,
        item_code TEXT NOT NULL,
        area TEXT NOT NULL CHECK (area GLOB '[0-9]*' AND length(area) IN (6, 9, 12)),
        within_days INTEGER CHECK (within_days IS NULL OR within_days BETWEEN 1 AND 366),
        as_of TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'building' CHECK (state IN ('building', 'ready', 'failed')),
        error TEXT,
        total INTEGER CHECK (total IS NULL OR total >= 0),
        CHECK ((state = 'failed') = (error IS NOT NULL))
      ) STRICT;

      CREATE TABLE worklist_tasks (
        id INTEGER PRIMARY KEY,
        worklist_id TEXT NOT NULL REFERENCES worklists(id),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        subject TEXT NOT NULL,
        person BLOB NOT NULL,
        state TEXT NOT NULL DEFAULT 'to-contact'
          CHECK (state IN ('to-contact', 'reached', 'not-reached', 'declined', 'confirmed', 'output-made', 'delivered')),
        assigned_to TEXT,
        case_id TEXT,
        output_ref TEXT,
        delivered_by TEXT,
        delivered_at TEXT,
        signature TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (worklist_id, seq),
        UNIQUE (worklist_id, subject),
        CHECK ((state = 'delivered') = (delivered_at IS NOT NULL AND delivered_by IS NOT NULL)),
        CHECK (state NOT IN ('output-made', 'delivered') OR output_ref IS NOT NULL)
      ) STRICT;
      CREATE INDEX worklist_tasks_state ON worklist_tasks(worklist_id, state);
      CREATE INDEX worklist_tasks_subject ON worklist_tasks(subject);

      CREATE TABLE worklist_steps (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES worklist_tasks(id),
        step TEXT NOT NULL,
        note TEXT CHECK (note IS NULL OR length(note) <= 500),
        by_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX worklist_steps_task ON worklist_steps(task_id);
      CREATE TRIGGER worklist_steps_no_update BEFORE UPDATE ON worklist_steps
        BEGIN SELECT RAISE(ABORT, 'a worklist step is a record and cannot be changed'); END;
      CREATE TRIGGER worklist_steps_no_delete BEFORE DELETE ON worklist_steps
        BEGIN SELECT RAISE(ABORT, 'a worklist step is a record and cannot be deleted'); END;
      CREATE TRIGGER worklist_tasks_no_delete BEFORE DELETE ON worklist_tasks
        BEGIN SELECT RAISE(ABORT, 'a worklist task is a record and cannot be deleted'); END;
    `);
  },
};
