import type { Migration } from '../migrate';

/**
 * Placeholder: 011 is pre-assigned to the hall-terminal branch. It exists only so the list stays
 * dense on the worklists branch (012); at merge the hall-terminal's 011 replaces this file.
 */
export const m011: Migration = { version: 11, name: 'reserved-hall-terminal', up() {} };
