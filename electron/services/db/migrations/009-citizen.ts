import type { Migration } from '../migrate';

/**
 * The citizen's side of the counter.
 *
 * Accounts gain a staff number (工号, shown on the citizen's screen and sent with every rating)
 * and an optional photo (PNG, small: the screen shows it at passport size).
 *
 * `ratings` holds one 好差评 rating per case (一次一评: case_id is unique), or the record that the
 * citizen did not rate (level NULL, never a default score). Rows are append-only: the supervisor's
 * follow-ups go to `rating_followups`, also append-only, and a close is a follow-up of kind 'close'.
 * `record` is the canonical JSON of the rating as sent; `record_hash` (SM3 of it) is what the audit
 * entry of the rating names, so the chain vouches for the row without holding it.
 * No citizen identity is stored: the rater's details stay confidential.
 */
export const m009: Migration = {
  version: 9,
  name: 'citizen',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN staff_no TEXT CHECK (staff_no IS NULL OR length(staff_no) BETWEEN 1 AND 16);
      ALTER TABLE accounts ADD COLUMN photo BLOB CHECK (photo IS NULL OR length(photo) BETWEEN 1 AND 262144);

      CREATE TABLE ratings (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL UNIQUE,
        item_code TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        level INTEGER CHECK (level IS NULL OR level BETWEEN 1 AND 5),
        bad INTEGER NOT NULL CHECK (bad IN (0, 1)),
        rated_at TEXT NOT NULL,
        deadline TEXT,
        record TEXT NOT NULL CHECK (json_valid(record)),
        record_hash TEXT NOT NULL CHECK (length(record_hash) = 64),
        CHECK (bad = (level IS NOT NULL AND level >= 4)),
        CHECK ((bad = 1) = (deadline IS NOT NULL))
      ) STRICT;
      CREATE INDEX ratings_bad ON ratings(bad, deadline);
      CREATE TRIGGER ratings_no_update BEFORE UPDATE ON ratings
        BEGIN SELECT RAISE(ABORT, 'a rating is a record and cannot be changed'); END;
      CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings
        BEGIN SELECT RAISE(ABORT, 'a rating is a record and cannot be deleted'); END;

      CREATE TABLE rating_followups (
        id INTEGER PRIMARY KEY,
        rating_id INTEGER NOT NULL REFERENCES ratings(id),
        kind TEXT NOT NULL CHECK (kind IN ('verify', 'rectify', 'callback', 'close')),
        note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
        by_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX rating_followups_rating ON rating_followups(rating_id);
      CREATE TRIGGER rating_followups_no_update BEFORE UPDATE ON rating_followups
        BEGIN SELECT RAISE(ABORT, 'a follow-up is a record and cannot be changed'); END;
      CREATE TRIGGER rating_followups_no_delete BEFORE DELETE ON rating_followups
        BEGIN SELECT RAISE(ABORT, 'a follow-up is a record and cannot be deleted'); END;
      CREATE TRIGGER rating_followups_after_close BEFORE INSERT ON rating_followups
        WHEN EXISTS (SELECT 1 FROM rating_followups WHERE rating_id = NEW.rating_id AND kind = 'close')
        BEGIN SELECT RAISE(ABORT, 'this bad rating is closed'); END;
    `);
  },
};
