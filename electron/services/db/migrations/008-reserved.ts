import type { Migration } from '../migrate';

/**
 * Placeholder: version 8 is taken by another branch of this round; the list must be dense, so this
 * branch holds the number with a no-op. At merge the real 008 replaces this file.
 */
export const m008: Migration = {
  version: 8,
  name: 'reserved',
  up() {},
};
