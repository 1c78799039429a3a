import type { Migration } from '../migrate';

/**
 * The data pool: form values a clerk confirmed in a case, kept so the next case of the same
 * person is prefilled. One row per (person, key): the newest confirmation wins.
 *
 * Nothing readable about a person: `subject` is the keyed hash of the ID number (the same one the
 * audit log uses), `value` is sealed with the record cipher (aad `pool/v1|<subject>|<key>`), so a
 * value cannot be moved to another person or key. `expires_at` comes from the item's
 * retentionDays; reads ignore expired rows and `purgeExpired` deletes them.
 *
 * `case_application` is the application of a case (items whose outputs include one): the form as
 * the clerk confirmed it, sealed (aad `application/v1|<case_id>|form`), one per case. It is written
 * in the same transaction as the case's outbox submissions and the pool values.
 */
export const m008: Migration = {
  version: 8,
  name: 'data-pool',
  up(db) {
    db.exec(`
      CREATE TABLE data_pool (
        subject TEXT NOT NULL CHECK (length(subject) = 64),
        key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 40),
        value BLOB NOT NULL,
        item_code TEXT NOT NULL,
        case_id TEXT NOT NULL,
        confirmed_by TEXT NOT NULL,
        confirmed_at TEXT NOT NULL,
        expires_at TEXT NOT NULL CHECK (expires_at > confirmed_at),
        PRIMARY KEY (subject, key)
      ) WITHOUT ROWID;
      CREATE INDEX data_pool_expiry ON data_pool(expires_at);
      CREATE TABLE case_application (
        case_id TEXT PRIMARY KEY REFERENCES cases(id),
        item_code TEXT NOT NULL,
        form BLOB NOT NULL,
        departments TEXT NOT NULL,
        submitted_by TEXT NOT NULL,
        submitted_at TEXT NOT NULL
      );
    `);
  },
};
