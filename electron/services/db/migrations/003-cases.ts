import type { Migration } from '../migrate';

// Reserved for the cases service; it fills in up() before this ships.
export const m003: Migration = {
  version: 3,
  name: 'cases',
  up() {},
};
