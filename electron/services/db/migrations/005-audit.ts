import type { Migration } from '../migrate';

/**
 * The append-only audit log. Each row is chained to the previous one (hash = SM3(prev_hash ||
 * canonical row), see services/audit/chain.ts); the triggers refuse UPDATE and DELETE and an
 * INSERT that does not extend the chain by exactly one, so the app itself cannot rewrite history.
 * Someone with the file can drop the triggers; `npm run audit -- verify` catches that through the
 * hashes and the signed checkpoints in audit_checkpoint.
 *
 * Nothing readable about a citizen is stored: subject is a keyed hash of the ID number and
 * detail_sealed is AES-GCM (services/crypto). detail holds only non-personal JSON.
 */
export const m005: Migration = {
  version: 5,
  name: 'audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT,
        action TEXT NOT NULL,
        subject TEXT,
        item_code TEXT,
        case_id TEXT,
        purpose TEXT,
        detail TEXT,
        detail_sealed BLOB,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_subject ON audit_log(subject, seq) WHERE subject IS NOT NULL;
      CREATE INDEX audit_log_at ON audit_log(at);

      CREATE TRIGGER audit_log_append_only_insert BEFORE INSERT ON audit_log
      WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_log)
        OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '${'0'.repeat(64)}')
      BEGIN SELECT RAISE(ABORT, 'audit_log: an entry must extend the chain by one'); END;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TABLE audit_checkpoint (
        seq INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        at TEXT NOT NULL,
        public_key TEXT NOT NULL,
        signature TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
      BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;
      CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
      BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;
    `);
  },
};
