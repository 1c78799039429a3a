import type { Migration } from '../migrate';

/**
 * A step recorded at a terminal while the hall did not answer reaches the hall later through the
 * terminal's outbox, which sends it again after a lost answer (docs/worklists.md, "Steps while the
 * hall is down"). The terminal names each step (`step_id`); one id per terminal is taken once, so
 * the resend is recognised and answered with the task as it is, not stepped twice, and with the
 * task's version right after the step (`version_after`), which the terminal's next queued step of
 * the task is taken at.
 */
export const m008: Migration = {
  n: 8,
  name: 'worklist-step-id',
  sql: `
ALTER TABLE worklist_steps ADD COLUMN step_id VARCHAR(64);
ALTER TABLE worklist_steps ADD COLUMN version_after INT;
CREATE UNIQUE INDEX worklist_steps_step_id ON worklist_steps (terminal_id, step_id) WHERE step_id IS NOT NULL;
`,
};
