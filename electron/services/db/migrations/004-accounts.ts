import type { Migration } from '../migrate';

// Reserved for the accounts service; it fills in up() before this ships.
export const m004: Migration = {
  version: 4,
  name: 'accounts',
  up() {},
};
