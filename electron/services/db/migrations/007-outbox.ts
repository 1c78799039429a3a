import type { Migration } from '../migrate';

/**
 * The one outbox: everything that leaves the terminal after a case (submissions to departments,
 * 好差评 ratings, hall events) is a row here, written in the caller's transaction, then delivered
 * by services/outbox. `kind` says what the payload is, `receiver` who takes it; (receiver, key) is
 * the idempotency key the receiver dedupes on, so a redelivery after a crash is seen once.
 *
 * Nothing readable about a person: the payload and the receiver's reason text are sealed
 * (aad `outbox/v1|<id>|<column>`); payload_hash is a keyed hash, so a reuse of a key with another
 * payload is caught without opening anything. What delivery, polling and the lists act on
 * (state, times, attempts, remote state, error code) stays plain.
 *
 * Delivery state: pending -> delivered, or dead (the receiver refused it for good). The receiver's
 * own answer (remote_state: accepted, approved, rejected, more-info, received…) is tracked apart,
 * and `final` says no more change is expected; kinds with a decision are polled until final.
 *
 * `seq` numbers each receiver's messages 1, 2, 3… from outbox_seq (never reused, even after
 * retention deletes), so a receiver that needs order (the hall's event log) can detect gaps.
 */
export const m007: Migration = {
  version: 7,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
        receiver TEXT NOT NULL CHECK (length(receiver) BETWEEN 1 AND 64),
        key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 128),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        case_id TEXT,
        clerk_id TEXT,
        item_code TEXT,
        payload BLOB NOT NULL,
        payload_hash TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        remote_id TEXT,
        remote_state TEXT,
        remote_reason BLOB,
        remote_at TEXT,
        final INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1)),
        next_poll_at INTEGER,
        poll_failures INTEGER NOT NULL DEFAULT 0,
        handled_at TEXT,
        UNIQUE (receiver, key),
        UNIQUE (receiver, seq),
        CHECK ((state = 'delivered') = (delivered_at IS NOT NULL)),
        CHECK (state <> 'dead' OR last_error IS NOT NULL),
        CHECK (final = 0 OR state <> 'pending')
      ) STRICT;
      CREATE TABLE outbox_seq (
        receiver TEXT PRIMARY KEY,
        last INTEGER NOT NULL CHECK (last >= 0)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE state = 'pending';
      CREATE INDEX outbox_pending_seq ON outbox(receiver, seq) WHERE state = 'pending';
      CREATE INDEX outbox_poll ON outbox(next_poll_at) WHERE state = 'delivered' AND final = 0;
      CREATE INDEX outbox_case ON outbox(case_id) WHERE case_id IS NOT NULL;
      CREATE INDEX outbox_clerk ON outbox(clerk_id, created_at) WHERE clerk_id IS NOT NULL;

      -- A message is never re-pointed, and one still owed to its receiver is never dropped: the
      -- delivery guarantee would otherwise depend on every caller being right. Retention may
      -- delete a message once it is delivered and final.
      CREATE TRIGGER outbox_identity_immutable BEFORE UPDATE OF kind, receiver, key, seq, case_id, payload_hash ON outbox
      BEGIN SELECT RAISE(ABORT, 'outbox: a message keeps its kind, receiver, key, seq, case and payload'); END;
      CREATE TRIGGER outbox_keep_owed BEFORE DELETE ON outbox WHEN OLD.state = 'pending' OR OLD.final = 0
      BEGIN SELECT RAISE(ABORT, 'outbox: a message not yet delivered and final cannot be deleted'); END;
    `);
  },
};
