import type { Migration } from '../migrate';

/**
 * Worklists shared by a station's terminals (docs/worklists.md): the worklist by its number, a
 * task per person with the person sealed with the hall's data key (AAD "<worklist>|<seq>"), a
 * version every claim and step must name (compare-and-set, so two terminals cannot both take a
 * step), and the steps append-only.
 */
export const m005: Migration = {
  n: 5,
  name: 'worklists',
  sql: `
CREATE TABLE worklists (
  id VARCHAR(64) PRIMARY KEY,
  area VARCHAR(12) NOT NULL,
  programme VARCHAR(40) NOT NULL,
  item_code VARCHAR(64) NOT NULL,
  built_by VARCHAR(40) NOT NULL,
  as_of VARCHAR(10) NOT NULL,
  created_ms BIGINT NOT NULL
);
CREATE INDEX worklists_area ON worklists (area);
CREATE TABLE worklist_tasks (
  worklist_id VARCHAR(64) NOT NULL REFERENCES worklists (id),
  seq INT NOT NULL,
  person_hash VARCHAR(128) NOT NULL,
  sealed TEXT NOT NULL,
  state VARCHAR(20) NOT NULL,
  version INT NOT NULL DEFAULT 0,
  assigned_to VARCHAR(64),
  claimed_by VARCHAR(40),
  claimed_until_ms BIGINT,
  case_ref VARCHAR(64),
  output_ref VARCHAR(64),
  updated_ms BIGINT NOT NULL,
  PRIMARY KEY (worklist_id, seq)
);
CREATE TABLE worklist_steps (
  id BIGSERIAL PRIMARY KEY,
  worklist_id VARCHAR(64) NOT NULL,
  seq INT NOT NULL,
  at_ms BIGINT NOT NULL,
  step VARCHAR(20) NOT NULL,
  by_user VARCHAR(64) NOT NULL,
  terminal_id VARCHAR(40) NOT NULL,
  note TEXT
);
CREATE INDEX worklist_steps_task ON worklist_steps (worklist_id, seq);
`,
};
