import type { Migration } from '../migrate';

/**
 * The shared data pool: values sealed with the hall's data key (the key lives in the hall's data
 * folder, never in PostgreSQL), keyed by the terminal's keyed hash of the ID number. Every read
 * is a row in pool_reads; there is no listing operation.
 */
export const m003: Migration = {
  n: 3,
  name: 'pool',
  sql: `
CREATE TABLE pool_values (
  person_hash VARCHAR(128) NOT NULL,
  field VARCHAR(100) NOT NULL,
  sealed TEXT NOT NULL,
  terminal_id VARCHAR(40) NOT NULL,
  case_id VARCHAR(64) NOT NULL,
  item_code VARCHAR(64) NOT NULL,
  confirmed_ms BIGINT NOT NULL,
  PRIMARY KEY (person_hash, field)
);
CREATE TABLE pool_reads (
  id BIGSERIAL PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  terminal_id VARCHAR(40) NOT NULL,
  clerk_id VARCHAR(64) NOT NULL,
  case_id VARCHAR(64) NOT NULL,
  item_code VARCHAR(64) NOT NULL,
  person_hash VARCHAR(128) NOT NULL,
  fields TEXT NOT NULL
);
CREATE INDEX pool_reads_at ON pool_reads (at_ms);
`,
};
