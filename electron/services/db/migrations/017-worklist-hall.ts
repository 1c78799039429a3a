import type { Migration } from '../migrate';

/**
 * Worklists shared through the hall (docs/worklists.md). `shared` marks a worklist the hall holds
 * (built here while paired, or taken from the hall); `origin` says where it was built (`hall`: at
 * another terminal of the station, mirrored here so this terminal can work it); `hall_since` is
 * the hall's time of the newest task change mirrored. A task's `hall_version` is the version the
 * hall last answered (null: the hall has not got the task yet); every claim and step names it.
 */
export const m017: Migration = {
  version: 17,
  name: 'worklist-hall',
  up(db) {
    db.exec(`
      ALTER TABLE worklists ADD COLUMN shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1));
      ALTER TABLE worklists ADD COLUMN origin TEXT NOT NULL DEFAULT 'here' CHECK (origin IN ('here', 'hall'));
      ALTER TABLE worklists ADD COLUMN hall_since INTEGER;
      ALTER TABLE worklist_tasks ADD COLUMN hall_version INTEGER CHECK (hall_version IS NULL OR hall_version >= 0);
    `);
  },
};
