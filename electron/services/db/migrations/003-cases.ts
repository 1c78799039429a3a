import type { Migration } from '../migrate';

/**
 * Case records. Personal data (the person snapshot, the evidence with its sentences and license
 * identifiers, the printed document) lives only in sealed blobs (services/crypto, aad names the
 * case and the column); the subject is findable by a keyed hash of the ID number. What reports and
 * the state machine act on (state, item, timings, check outcomes, serial) stays plain.
 *
 * Serials come from serial_counter in the same transaction that writes them onto the case, and
 * the UNIQUE index on cases.serial makes a duplicate impossible even if that code were wrong.
 */
export const m003: Migration = {
  version: 3,
  name: 'cases',
  up(db) {
    db.exec(`
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        hall_id TEXT NOT NULL,
        counter_id TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('card', 'manual')),
        manual_reason TEXT,
        subject_hash TEXT NOT NULL,
        person BLOB NOT NULL,
        item_code TEXT,
        evidence BLOB,
        check_summary TEXT,
        eligible INTEGER CHECK (eligible IN (0, 1)),
        override_by TEXT,
        override_reason TEXT,
        override_at TEXT,
        serial TEXT,
        document BLOB,
        print_job_id TEXT,
        printer TEXT,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'completed', 'voided')),
        void_reason TEXT,
        voided_by TEXT,
        voided_at TEXT,
        card_read_at TEXT NOT NULL,
        item_chosen_at TEXT,
        checked_at TEXT,
        season_address_hash TEXT,
        season_start TEXT,
        season_end TEXT,
        generated_at TEXT,
        job_accepted_at TEXT,
        job_completed_at TEXT,
        CHECK (source = 'card' OR length(trim(coalesce(manual_reason, ''))) > 0),
        CHECK ((season_address_hash IS NULL) = (season_start IS NULL) AND (season_start IS NULL) = (season_end IS NULL)),
        CHECK ((override_by IS NULL) = (override_reason IS NULL)),
        CHECK (override_reason IS NULL OR length(trim(override_reason)) > 0),
        CHECK (state NOT IN ('accepted', 'completed') OR (serial IS NOT NULL AND generated_at IS NOT NULL)),
        CHECK (state <> 'completed' OR job_completed_at IS NOT NULL),
        CHECK ((state = 'voided') = (void_reason IS NOT NULL AND voided_by IS NOT NULL AND voided_at IS NOT NULL)),
        CHECK (void_reason IS NULL OR length(trim(void_reason)) > 0)
      ) STRICT;
      CREATE UNIQUE INDEX cases_serial ON cases(serial) WHERE serial IS NOT NULL;
      CREATE INDEX cases_subject ON cases(subject_hash);
      CREATE INDEX cases_counter_item ON cases(counter_id, item_chosen_at);
      CREATE INDEX cases_interrupted ON cases(generated_at) WHERE state = 'accepted';

      CREATE TABLE serial_counter (
        hall_id TEXT NOT NULL,
        counter_id TEXT NOT NULL,
        year INTEGER NOT NULL,
        last INTEGER NOT NULL CHECK (last >= 0),
        PRIMARY KEY (hall_id, counter_id, year)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE case_reprints (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        serial TEXT NOT NULL,
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        print_job_id TEXT,
        printer TEXT
      ) STRICT;
      CREATE INDEX case_reprints_case ON case_reprints(case_id);

      CREATE TABLE issued_index (
        item_code TEXT NOT NULL,
        address_hash TEXT NOT NULL,
        season_start TEXT NOT NULL,
        season_end TEXT NOT NULL,
        case_id TEXT NOT NULL REFERENCES cases(id),
        PRIMARY KEY (item_code, address_hash, season_start, case_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER cases_serial_immutable BEFORE UPDATE OF serial ON cases
        WHEN OLD.serial IS NOT NULL AND NEW.serial IS NOT OLD.serial
        BEGIN SELECT RAISE(ABORT, 'a case keeps its certificate serial for ever'); END;
    `);
  },
};
