import type { Migration } from '../migrate';

// Reserved for the audit service; it fills in up() before this ships.
export const m005: Migration = {
  version: 5,
  name: 'audit',
  up() {},
};
