import type { Migration } from '../migrate';

/**
 * Signatures, stored with the case (services/signature).
 *
 * One row per request "signer S signs document D of case C": pending until signed, then the
 * signature is sealed in `signature` (aad `signature/v1|<id>|<document_hash>`), so a sealed
 * signature cannot be moved to another row or another document. `document_hash` is the SM3 of the
 * canonical JSON of the document's data: the signature is drawn only onto a document with the same
 * hash. A case may have many signers (applicant, household members, guardian), one row each.
 * A request for a document that changed before it was signed is withdrawn and a new one made.
 * Rows are never deleted; the only changes are pending -> signed and pending -> withdrawn.
 */
export const m015: Migration = {
  version: 15,
  name: 'signatures',
  up(db) {
    db.exec(`
      CREATE TABLE signatures (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL,
        document TEXT NOT NULL CHECK (length(document) BETWEEN 1 AND 40),
        signer TEXT NOT NULL CHECK (length(signer) BETWEEN 1 AND 40),
        signer_label TEXT NOT NULL CHECK (json_valid(signer_label)),
        title TEXT NOT NULL CHECK (json_valid(title)),
        document_hash TEXT NOT NULL CHECK (length(document_hash) = 64),
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'signed', 'withdrawn')),
        requested_at TEXT NOT NULL,
        signed_at TEXT,
        signature BLOB,
        CHECK ((state = 'signed') = (signature IS NOT NULL)),
        CHECK ((state = 'signed') = (signed_at IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX signatures_one ON signatures(case_id, document, signer, document_hash);
      CREATE INDEX signatures_case ON signatures(case_id, state);
      CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
        BEGIN SELECT RAISE(ABORT, 'a signature is a record and cannot be deleted'); END;
      CREATE TRIGGER signatures_only_forward BEFORE UPDATE ON signatures
        WHEN OLD.state <> 'pending' OR NEW.state = 'pending'
          OR NEW.case_id <> OLD.case_id OR NEW.document <> OLD.document OR NEW.signer <> OLD.signer
          OR NEW.document_hash <> OLD.document_hash OR NEW.requested_at <> OLD.requested_at
        BEGIN SELECT RAISE(ABORT, 'a signature moves only from pending to signed or withdrawn'); END;
    `);
  },
};
