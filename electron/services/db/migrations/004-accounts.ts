import type { Migration } from '../migrate';

/**
 * Local accounts. `id` is the sign-in name; roles are a JSON array checked by the service. The
 * password column holds a self-describing scrypt string (params, salt, hash), never the password.
 * failed_count / next_attempt_at drive the growing sign-in delay and survive a restart, so
 * restarting the app does not reset a guessing attack.
 */
export const m004: Migration = {
  version: 4,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 2 AND 32),
        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 64),
        roles TEXT NOT NULL CHECK (json_valid(roles) AND json_array_length(roles) >= 1),
        password TEXT NOT NULL,
        must_change INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
        failed_count INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        last_sign_in_at TEXT
      ) STRICT;
    `);
  },
};
