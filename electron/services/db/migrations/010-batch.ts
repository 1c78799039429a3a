import type { Migration } from '../migrate';

/**
 * Batch checks: a job (an imported list checked against one item's rules) and one row per list
 * line. A row is written once, in the same transaction that records its result, so a job killed
 * at any point resumes from the rows that have none (seq is the line's position in the file).
 *
 * Nothing readable about a person: the row's input (name, ID number) and its checks are sealed
 * (aad `batch_rows/v1|<job>|<seq>|<column>`); what progress, filters and counts need (the
 * outcome, the failed check ids, the input problem) stays plain.
 */
export const m010: Migration = {
  version: 10,
  name: 'batch',
  up(db) {
    db.exec(`
      CREATE TABLE batch_jobs (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        item_code TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
        clerk_id TEXT NOT NULL,
        source BLOB NOT NULL,
        mapping TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'ready'
          CHECK (state IN ('ready', 'running', 'paused', 'cancelled', 'done')),
        total INTEGER CHECK (total IS NULL OR total >= 0),
        created_at TEXT NOT NULL,
        finished_at TEXT,
        CHECK ((state IN ('done', 'cancelled')) = (finished_at IS NOT NULL))
      ) STRICT;
      CREATE TABLE batch_rows (
        job_id TEXT NOT NULL REFERENCES batch_jobs(id),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed', 'unknown', 'bad-input')),
        problem TEXT,
        failed_checks TEXT NOT NULL DEFAULT '',
        input BLOB NOT NULL,
        checks BLOB,
        checked_at TEXT NOT NULL,
        PRIMARY KEY (job_id, seq),
        CHECK ((outcome = 'bad-input') = (problem IS NOT NULL)),
        CHECK (outcome = 'bad-input' OR checks IS NOT NULL)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX batch_rows_outcome ON batch_rows(job_id, outcome);

      -- A row's result is the record of a registry use; it is never rewritten.
      CREATE TRIGGER batch_rows_immutable BEFORE UPDATE ON batch_rows
      BEGIN SELECT RAISE(ABORT, 'batch: a checked row is never rewritten'); END;
    `);
  },
};
