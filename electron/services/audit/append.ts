import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import type { RecordCipher } from '../crypto';
import { entryHash } from './chain';
import { writeCheckpoint } from './checkpoint';
import { AuditError } from './errors';
import type { AuditSigner } from './signing-key';
import { GENESIS_HASH, type AuditEntryInput, type AuditRow } from './types';

interface DbAuditSetup {
  cipher?: RecordCipher;
  signer?: AuditSigner;
  checkpointEvery: number;
}

// Per-database setup registered once at start-up, so services can call appendAudit(db, entry)
// without threading the cipher and signer through every call.
const setups = new WeakMap<Db, DbAuditSetup>();

export function configureAudit(
  db: Db,
  s: { cipher?: RecordCipher; signer?: AuditSigner; checkpointEvery?: number },
): void {
  setups.set(db, { cipher: s.cipher, signer: s.signer, checkpointEvery: s.checkpointEvery ?? 100 });
}

export function auditSetup(db: Db): DbAuditSetup | undefined {
  return setups.get(db);
}

/** The AAD binds a sealed detail to its row, so moving it to another entry fails decryption. */
export const sealAad = (seq: number) => `audit_log:${seq}`;

const MAX_TEXT = 200;
function short(v: string | null | undefined, what: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > MAX_TEXT)
    throw new AuditError('AUDIT_INVALID_ENTRY', `audit ${what} must be a string of at most ${MAX_TEXT} characters`);
  return v;
}

/**
 * Appends one entry to the chain and returns its seq. Call it inside the transaction that does the
 * thing being recorded (better-sqlite3 nests it as a savepoint), so the record and its audit entry
 * commit or roll back together. Entries with `personal` need a cipher from configureAudit().
 */
// Prepared once per database: preparing both statements on every entry was a large share of a
// batch run's time (one entry per checked row). A closed database drops out with its WeakMap key.
type Stmt = Database.Statement<unknown[]>;
const statements = new WeakMap<Db, { head: Stmt; insert: Stmt }>();
function prepared(db: Db): { head: Stmt; insert: Stmt } {
  let s = statements.get(db);
  if (!s) {
    s = {
      head: db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO audit_log(seq, at, actor, action, subject, item_code, case_id, purpose, detail, detail_sealed, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @subject, @item_code, @case_id, @purpose, @detail, @detail_sealed, @prev_hash, @hash)`,
      ),
    };
    statements.set(db, s);
  }
  return s;
}

/** Writes one entry after `prev` (seq, hash) and returns its own; the caller holds the transaction. */
function writeEntry(
  db: Db,
  st: { insert: Stmt },
  setup: DbAuditSetup | undefined,
  prev: { seq: number; hash: string },
  e: AuditEntryInput,
): { seq: number; hash: string } {
  const seq = prev.seq + 1;
  let sealed: Buffer | null = null;
  if (e.personal) {
    if (!setup?.cipher)
      throw new AuditError(
        'AUDIT_NO_CIPHER',
        'audit entry holds personal data but no data key is configured; start the audit service with the data key (configureAudit)',
      );
    sealed = setup.cipher.seal(JSON.stringify(e.personal), sealAad(seq));
  }
  const row: Omit<AuditRow, 'hash' | 'prev_hash'> = {
    seq,
    at: (e.at ?? new Date()).toISOString(),
    actor: short(e.actor, 'actor'),
    action: short(e.action, 'action') ?? '',
    subject: short(e.subject, 'subject'),
    item_code: short(e.itemCode, 'item code'),
    case_id: short(e.caseId, 'case id'),
    purpose: short(e.purpose, 'purpose'),
    detail: e.detail ? JSON.stringify(e.detail) : null,
    detail_sealed: sealed,
  };
  if (!row.action) throw new AuditError('AUDIT_INVALID_ENTRY', 'audit entry needs an action');
  const hash = entryHash(prev.hash, row);
  st.insert.run({ ...row, prev_hash: prev.hash, hash });
  if (setup?.signer && seq % setup.checkpointEvery === 0) writeCheckpoint(db, setup.signer, seq, hash);
  return { seq, hash };
}

const headOf = (st: { head: Stmt }) => {
  const head = st.head.get() as unknown as { seq: number; hash: string } | undefined;
  return head ?? { seq: 0, hash: GENESIS_HASH };
};

export function appendAudit(db: Db, e: AuditEntryInput): number {
  const setup = setups.get(db);
  const st = prepared(db);
  return db.transaction(() => writeEntry(db, st, setup, headOf(st), e).seq)();
}

/**
 * Several entries in one go, chained in order, exactly as that many appendAudit calls would chain
 * them: one savepoint and one read of the chain's head for all of them. A batch run writes one
 * entry per checked line, and a savepoint plus a head read per entry was a measurable share of
 * the line's main-thread time. Call it inside the transaction that records what they audit.
 * Returns the entries' seqs.
 */
export function appendAuditMany(db: Db, entries: readonly AuditEntryInput[]): number[] {
  if (entries.length === 0) return [];
  const setup = setups.get(db);
  const st = prepared(db);
  return db.transaction(() => {
    let at = headOf(st);
    return entries.map((e) => (at = writeEntry(db, st, setup, at, e)).seq);
  })();
}
