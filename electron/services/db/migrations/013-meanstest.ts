import type { Migration } from '../migrate';

/**
 * The means test (services/meanstest): consent per household member, and each run of the check.
 *
 * `meanstest_consents` is append-only; the newest row per (case, member) is that member's state:
 * signed on the citizen screen (the strokes, sealed, bound to the authorisation document's hash),
 * a paper form scanned later (with the reason it was not signed on screen), or refused. A guardian
 * signs for a member without capacity (by_guardian = 1, the guardian sealed in the record).
 * `member_key` is the keyed hash of the member's ID number, never the number.
 *
 * `meanstest_runs` keeps every run (a run with missing sources is saved and run again later);
 * the result is sealed, the conclusion and the missing source keys are plain for lists.
 */
export const m013: Migration = {
  version: 13,
  name: 'meanstest',
  up(db) {
    db.exec(`
      CREATE TABLE meanstest_consents (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL,
        member_key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('signed', 'paper', 'refused')),
        by_guardian INTEGER NOT NULL CHECK (by_guardian IN (0, 1)),
        document_hash TEXT NOT NULL CHECK (length(document_hash) = 64),
        record BLOB NOT NULL,
        clerk_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX meanstest_consents_case ON meanstest_consents(case_id, member_key, id);
      CREATE TRIGGER meanstest_consents_no_update BEFORE UPDATE ON meanstest_consents
        BEGIN SELECT RAISE(ABORT, 'a consent is a record and cannot be changed'); END;
      CREATE TRIGGER meanstest_consents_no_delete BEFORE DELETE ON meanstest_consents
        BEGIN SELECT RAISE(ABORT, 'a consent is a record and cannot be deleted'); END;

      CREATE TABLE meanstest_runs (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL,
        run_no INTEGER NOT NULL CHECK (run_no >= 1),
        conclusion TEXT NOT NULL CHECK (conclusion IN ('eligible', 'ineligible', 'review')),
        missing TEXT NOT NULL CHECK (json_valid(missing)),
        result BLOB NOT NULL,
        result_hash TEXT NOT NULL CHECK (length(result_hash) = 64),
        clerk_id TEXT NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (case_id, run_no)
      ) STRICT;
      CREATE TRIGGER meanstest_runs_no_update BEFORE UPDATE ON meanstest_runs
        BEGIN SELECT RAISE(ABORT, 'a check run is a record and cannot be changed'); END;
    `);
  },
};
