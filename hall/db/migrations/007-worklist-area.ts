import type { Migration } from '../migrate';

/**
 * The station a terminal serves, fixed at pairing (docs/worklists.md): a worklist is shared only
 * with terminals paired for its area, so the hall no longer trusts the area a call names. A code
 * may be issued for one area (`npm run hall -- --area <code>`), and then only a terminal of that
 * area can spend it. Terminals paired before this migration have no area: the worklist routes
 * refuse them until they pair again. `claimed_user` says who (not only which terminal) holds a
 * claim, so a terminal that lost a race can tell staff who took the task.
 */
export const m007: Migration = {
  n: 7,
  name: 'worklist-area',
  sql: `
ALTER TABLE terminals ADD COLUMN area VARCHAR(12);
ALTER TABLE pairing_codes ADD COLUMN area VARCHAR(12);
ALTER TABLE worklist_tasks ADD COLUMN claimed_user VARCHAR(64);
`,
};
