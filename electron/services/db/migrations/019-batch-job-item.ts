import type { Migration } from '../migrate';

/**
 * A batch job keeps the part of its item that reading its rows takes (the item's code, names and
 * list columns, and its batch rules, each with the label it had): `batch_jobs.item`, written once
 * when the job starts (batch/job-item.ts). A row's checks are stored without their kind and label
 * (row-codec.ts); without this, they came back from the catalog as it is now, so rewording a rule
 * in resources/catalog reworded the rows, the detail and the reports of jobs checked long before.
 *
 * Plain JSON, like the job's mapping and reason: it is the catalog's text, nothing about a person
 * (only the source file's name, which may carry one, is sealed). Jobs from before 019 have none
 * (NULL) and read through the current catalog, as they did. A job's snapshot never changes.
 */
export const m019: Migration = {
  version: 19,
  name: 'batch-job-item',
  up(db) {
    db.exec(`
      ALTER TABLE batch_jobs ADD COLUMN item TEXT CHECK (item IS NULL OR json_valid(item));
      CREATE TRIGGER batch_jobs_item_fixed BEFORE UPDATE OF item ON batch_jobs
        WHEN OLD.item IS NOT NEW.item
        BEGIN SELECT RAISE(ABORT, 'batch: a job keeps the item it was started with'); END;
    `);
  },
};
