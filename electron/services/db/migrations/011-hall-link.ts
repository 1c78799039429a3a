import type { Migration } from '../migrate';

/**
 * The terminal's link to its hall server (services/hall).
 *
 * `hall_link` has at most one row: the hall's URL, the terminal id and secret the hall gave at
 * pairing (the secret, and the hall-wide person-hash key, sealed with the record cipher), who
 * paired it and when. Unpairing deletes the row.
 *
 * `hall_tail` is the audit tailer's cursor (the last audit seq turned into hall events) and
 * `hall_case_opened` / `hall_case_decided` the cases it already reported as opened / decided. The
 * tailer moves all three and enqueues its outbox messages in one transaction, so a crash either
 * keeps a step's events and its cursor or neither: each event is enqueued exactly once.
 */
export const m011: Migration = {
  version: 11,
  name: 'hall-link',
  up(db) {
    db.exec(`
      CREATE TABLE hall_link (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        url TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 300),
        terminal_id TEXT NOT NULL CHECK (length(terminal_id) BETWEEN 1 AND 48),
        secret BLOB NOT NULL,
        name TEXT NOT NULL,
        paired_by TEXT NOT NULL,
        paired_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE hall_tail (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        audit_seq INTEGER NOT NULL CHECK (audit_seq >= 0)
      ) STRICT;
      CREATE TABLE hall_case_opened (case_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
      CREATE TABLE hall_case_decided (case_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
    `);
  },
};
