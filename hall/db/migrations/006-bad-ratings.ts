import type { Migration } from '../migrate';

/**
 * Bad ratings (grades 1 and 2) hall-wide: one row per rated case, written by the `rated` event,
 * with the follow-up deadline the terminal computed in working days (its holiday calendar), and
 * closed by the `followed-up` event of kind close. Only ids, codes, times and the step: the
 * reasons, the citizen's text and the notes stay at the terminal. The open and overdue counts read
 * the (closed_ms, deadline) index: open rows are few, whatever the year's volume.
 * Bad ratings from before this migration are backfilled from `cases.rating`, due 21 calendar
 * days (about 15 working days) after the case's day: the hall never had their deadline.
 */
export const m006: Migration = {
  n: 6,
  name: 'bad-ratings',
  sql: `
CREATE TABLE bad_ratings (
  terminal_id VARCHAR(40) NOT NULL,
  case_id VARCHAR(64) NOT NULL,
  item_code VARCHAR(64) NOT NULL,
  clerk_id VARCHAR(64) NOT NULL,
  window_no VARCHAR(32) NOT NULL,
  rated_ms BIGINT NOT NULL,
  deadline DATE NOT NULL,
  followups INTEGER NOT NULL DEFAULT 0,
  last_step VARCHAR(16),
  closed_ms BIGINT,
  PRIMARY KEY (terminal_id, case_id)
);
CREATE INDEX bad_ratings_open ON bad_ratings (closed_ms, deadline);
CREATE INDEX bad_ratings_clerk ON bad_ratings (clerk_id, closed_ms);
INSERT INTO bad_ratings (terminal_id, case_id, item_code, clerk_id, window_no, rated_ms, deadline)
SELECT terminal_id, case_id, item_code, clerk_id, window_no, COALESCE(done_ms, opened_ms), opened_day + 21
  FROM cases WHERE rating IS NOT NULL AND rating <= 2;
`,
};
