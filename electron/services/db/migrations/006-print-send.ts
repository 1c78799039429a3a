import type { Migration } from '../migrate';

/**
 * A send to the spooler that is under way. `send_started_at` is set, durably, before a job is
 * handed to the spooler and cleared when the spooler's job id is stored (markJobAccepted). A
 * restart that finds it set cannot know whether the spooler took the job (the answer may have
 * been lost with the process), so the case is looked up at the spooler by its serial before it
 * may be sent again. `send_printer` is where the send went, for the log and the clerk.
 */
export const m006: Migration = {
  version: 6,
  name: 'print-send',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN send_started_at TEXT;
      ALTER TABLE cases ADD COLUMN send_printer TEXT;
    `);
  },
};
