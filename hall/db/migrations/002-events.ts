import type { Migration } from '../migrate';

/**
 * The case event log (exactly once per terminal and seq), one row per case, and the aggregates
 * the statistics read. Aggregate rows are keyed by terminal, so the per-terminal row lock taken
 * on ingest serialises every writer of a row: no UPSERT dialect needed (openGauss spells it
 * differently from PostgreSQL).
 */
export const m002: Migration = {
  n: 2,
  name: 'events',
  sql: `
CREATE TABLE events (
  terminal_id VARCHAR(40) NOT NULL,
  seq BIGINT NOT NULL,
  msg_key VARCHAR(200) NOT NULL,
  kind VARCHAR(20) NOT NULL,
  case_id VARCHAR(64),
  at_ms BIGINT NOT NULL,
  received_ms BIGINT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (terminal_id, seq)
);
CREATE UNIQUE INDEX events_key ON events (terminal_id, msg_key);
CREATE TABLE sync_gaps (
  id BIGSERIAL PRIMARY KEY,
  terminal_id VARCHAR(40) NOT NULL,
  expected BIGINT NOT NULL,
  got BIGINT NOT NULL,
  at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE cases (
  terminal_id VARCHAR(40) NOT NULL,
  case_id VARCHAR(64) NOT NULL,
  item_code VARCHAR(64) NOT NULL,
  clerk_id VARCHAR(64) NOT NULL,
  window_no VARCHAR(32) NOT NULL,
  opened_day DATE NOT NULL,
  opened_ms BIGINT NOT NULL,
  done_ms BIGINT,
  handling_ms BIGINT,
  completed SMALLINT NOT NULL DEFAULT 0,
  voided SMALLINT NOT NULL DEFAULT 0,
  rating SMALLINT,
  PRIMARY KEY (terminal_id, case_id)
);
CREATE INDEX cases_item_day ON cases (item_code, opened_day) ;
CREATE INDEX cases_day ON cases (opened_day);
CREATE TABLE stat_hour (
  terminal_id VARCHAR(40) NOT NULL,
  day DATE NOT NULL,
  hour SMALLINT NOT NULL,
  window_no VARCHAR(32) NOT NULL,
  clerk_id VARCHAR(64) NOT NULL,
  item_code VARCHAR(64) NOT NULL,
  accepted INTEGER NOT NULL DEFAULT 0,
  completed INTEGER NOT NULL DEFAULT 0,
  voided INTEGER NOT NULL DEFAULT 0,
  submitted INTEGER NOT NULL DEFAULT 0,
  approved INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  rated_bad INTEGER NOT NULL DEFAULT 0,
  rated_good INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (terminal_id, day, hour, window_no, clerk_id, item_code)
);
CREATE INDEX stat_hour_day ON stat_hour (day);
CREATE INDEX stat_hour_clerk_day ON stat_hour (clerk_id, day);
`,
};
