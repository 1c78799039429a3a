import type { Migration } from '../migrate';

// Reserved for the cache service; it fills in up() before this ships.
export const m002: Migration = {
  version: 2,
  name: 'cache',
  up() {},
};
