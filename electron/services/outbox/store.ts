import type { Db } from '../db/open';
import type { Statement } from 'better-sqlite3';
import { canonicalJson } from '../../../protocol/canonical';
import { OutboxError } from './errors';
import type { OutboxCipher, OutboxMessageInput, OutboxRow, RemoteStatus } from './types';

/**
 * Prepared statements per database, by SQL text: preparing costs more than running these small
 * statements, and a catch-up touches each once per message. (Each text is used with one mode,
 * plucked or not, everywhere.)
 */
const prepared = new WeakMap<Db, Map<string, Statement<unknown[]>>>();
function prep(db: Db, sql: string): Statement<unknown[]> {
  let m = prepared.get(db);
  if (!m) prepared.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st;
}

const aad = (receiver: string, key: string, column: 'payload' | 'remote_reason') =>
  `outbox/v1|${receiver}|${key}|${column}`;
const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const RECEIVER = /^[a-z][a-z0-9-]{0,31}:[0-9A-Za-z_.-]{1,31}$/;

function check(m: OutboxMessageInput): void {
  if (!NAME.test(m.kind))
    throw new OutboxError(
      'OUTBOX_INPUT_INVALID',
      `kind "${m.kind}" must be lower-case letters, digits and dashes`,
      'kind',
    );
  if (!RECEIVER.test(m.receiver))
    throw new OutboxError(
      'OUTBOX_INPUT_INVALID',
      `receiver "${m.receiver}" must be <family>:<name>, e.g. department:DMCAB01`,
      'receiver',
    );
  if (!/^[0-9A-Za-z_.:-]{8,128}$/.test(m.key))
    throw new OutboxError('OUTBOX_INPUT_INVALID', 'key must be 8-128 letters, digits or _.:-', 'key');
  if (m.payload === undefined) throw new OutboxError('OUTBOX_INPUT_INVALID', 'payload is missing', 'payload');
}

/**
 * Puts a message in the outbox inside the caller's transaction (better-sqlite3 nests it as a
 * savepoint), so a case and what it owes a department commit together or not at all. Enqueueing
 * the same (receiver, key) and payload again returns the first id; another payload under that
 * key is OUTBOX_KEY_CONFLICT, since the receiver would see it as the first and drop it.
 */
export function enqueue(
  db: Db,
  cipher: OutboxCipher,
  m: OutboxMessageInput,
  now = Date.now(),
): { id: number; created: boolean } {
  check(m);
  const body = canonicalJson(m.payload);
  const hash = cipher.keyedHash(`outbox|${m.receiver}|${m.key}|${body}`);
  return db.transaction(() => {
    const old = db
      .prepare('SELECT id, payload_hash FROM outbox WHERE receiver = ? AND key = ?')
      .get(m.receiver, m.key) as { id: number; payload_hash: string } | undefined;
    if (old) {
      if (old.payload_hash !== hash)
        throw new OutboxError(
          'OUTBOX_KEY_CONFLICT',
          `key ${m.key} was already used for ${m.receiver} with other content; give this message its own key`,
          'key',
        );
      return { id: old.id, created: false };
    }
    const seq = db
      .prepare(
        'INSERT INTO outbox_seq(receiver, last) VALUES (?, 1) ON CONFLICT(receiver) DO UPDATE SET last = last + 1 RETURNING last',
      )
      .pluck()
      .get(m.receiver) as number;
    const r = db
      .prepare(
        `INSERT INTO outbox(kind, receiver, key, seq, case_id, clerk_id, item_code, payload, payload_hash, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.kind,
        m.receiver,
        m.key,
        seq,
        m.caseId ?? null,
        m.clerkId ?? null,
        m.itemCode ?? null,
        cipher.seal(body, aad(m.receiver, m.key, 'payload')),
        hash,
        now,
        new Date(now).toISOString(),
      );
    return { id: Number(r.lastInsertRowid), created: true };
  })();
}

interface RawRow {
  id: number;
  kind: string;
  receiver: string;
  key: string;
  seq: number;
  case_id: string | null;
  clerk_id: string | null;
  item_code: string | null;
  state: OutboxRow['state'];
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  remote_id: string | null;
  remote_state: string | null;
  remote_at: string | null;
  final: number;
  next_poll_at: number | null;
  poll_failures: number;
  handled_at: string | null;
}

const COLS = `id, kind, receiver, key, seq, case_id, clerk_id, item_code, state, attempts, next_attempt_at, last_error, created_at, delivered_at,
  remote_id, remote_state, remote_at, final, next_poll_at, poll_failures, handled_at`;

const toRow = (r: RawRow): OutboxRow => ({
  id: r.id,
  kind: r.kind,
  receiver: r.receiver,
  key: r.key,
  seq: r.seq,
  caseId: r.case_id,
  clerkId: r.clerk_id,
  itemCode: r.item_code,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
  remoteId: r.remote_id,
  remoteState: r.remote_state,
  remoteAt: r.remote_at,
  final: r.final === 1,
  nextPollAt: r.next_poll_at,
  pollFailures: r.poll_failures,
  handledAt: r.handled_at,
});

export function getMessage(db: Db, id: number): OutboxRow {
  const r = prep(db, `SELECT ${COLS} FROM outbox WHERE id = ?`).get(id) as RawRow | undefined;
  if (!r) throw new OutboxError('OUTBOX_NOT_FOUND', `no outbox message ${id}`);
  return toRow(r);
}

export function selectRows(db: Db, where: string, ...params: unknown[]): OutboxRow[] {
  return (prep(db, `SELECT ${COLS} FROM outbox WHERE ${where}`).all(...params) as RawRow[]).map(toRow);
}

/** The exact body to send: the same bytes on every attempt, so the receiver's duplicate check holds. */
export function openPayload(db: Db, cipher: OutboxCipher, row: Pick<OutboxRow, 'id' | 'receiver' | 'key'>): string {
  const blob = prep(db, 'SELECT payload FROM outbox WHERE id = ?').pluck().get(row.id) as Buffer;
  try {
    return cipher.open(blob, aad(row.receiver, row.key, 'payload')).toString('utf8');
  } catch {
    throw new OutboxError(
      'OUTBOX_DATA_UNREADABLE',
      `outbox message ${row.id} cannot be decrypted (damaged or another data key); it stays queued, restore the database or key from backup`,
    );
  }
}

export function openReason(
  db: Db,
  cipher: OutboxCipher,
  row: Pick<OutboxRow, 'id' | 'receiver' | 'key'>,
): { zh: string; en: string } | undefined {
  const blob = prep(db, 'SELECT remote_reason FROM outbox WHERE id = ?').pluck().get(row.id) as Buffer | null;
  if (!blob) return undefined;
  try {
    return JSON.parse(cipher.open(blob, aad(row.receiver, row.key, 'remote_reason')).toString('utf8')) as {
      zh: string;
      en: string;
    };
  } catch {
    return undefined;
  }
}

const FAMILY = "substr(receiver, 1, instr(receiver, ':') - 1)";

/**
 * What may be sent now. Unordered families: every due message. Ordered families: only each
 * receiver's head (lowest pending seq), and only when it is due; the rest wait behind it.
 */
export function dueForDelivery(
  db: Db,
  now: number,
  limit: number,
  exclude: readonly number[] = [],
  ordered: readonly string[] = [],
): OutboxRow[] {
  const fams = JSON.stringify(ordered);
  const rows = selectRows(
    db,
    `state = 'pending' AND next_attempt_at <= ? AND ${FAMILY} NOT IN (SELECT value FROM json_each(?)) ORDER BY next_attempt_at, id LIMIT ?`,
    now,
    fams,
    limit + exclude.length,
  );
  const heads = ordered.length ? orderedHeads(db, fams).filter((h) => h.nextAttemptAt <= now) : [];
  return [...heads, ...rows].filter((r) => !exclude.includes(r.id)).slice(0, limit);
}

function orderedHeads(db: Db, fams: string): OutboxRow[] {
  const receivers = db
    .prepare(
      `SELECT DISTINCT receiver FROM outbox WHERE state = 'pending' AND ${FAMILY} IN (SELECT value FROM json_each(?))`,
    )
    .pluck()
    .all(fams) as string[];
  return receivers.flatMap((r) => selectRows(db, `receiver = ? AND state = 'pending' ORDER BY seq LIMIT 1`, r));
}

export function dueForPoll(db: Db, now: number, limit: number): OutboxRow[] {
  return selectRows(
    db,
    `state = 'delivered' AND final = 0 AND next_poll_at IS NOT NULL AND next_poll_at <= ? ORDER BY next_poll_at, id LIMIT ?`,
    now,
    limit,
  );
}

/** Soonest time anything is due, to sleep until then. */
export function nextDue(db: Db, ordered: readonly string[] = []): number | null {
  const fams = JSON.stringify(ordered);
  const r = db
    .prepare(
      `SELECT min(t) FROM (SELECT min(next_attempt_at) t FROM outbox WHERE state = 'pending' AND ${FAMILY} NOT IN (SELECT value FROM json_each(?))
       UNION ALL SELECT min(next_poll_at) FROM outbox WHERE state = 'delivered' AND final = 0)`,
    )
    .pluck()
    .get(fams) as number | null;
  // Messages behind an ordered head are not due, whatever their own time says.
  const heads = ordered.length ? orderedHeads(db, fams).map((h) => h.nextAttemptAt) : [];
  const all = [...(r === null ? [] : [r]), ...heads];
  return all.length ? Math.min(...all) : null;
}

function writeRemote(db: Db, cipher: OutboxCipher, row: OutboxRow, s: RemoteStatus, nextPollAt: number | null): void {
  prep(
    db,
    `UPDATE outbox SET remote_id = coalesce(?, remote_id), remote_state = ?, remote_at = ?, final = ?, next_poll_at = ?, poll_failures = 0,
       remote_reason = coalesce(?, remote_reason) WHERE id = ?`,
  ).run(
    s.remoteId ?? null,
    s.state,
    s.at ?? new Date().toISOString(),
    s.final ? 1 : 0,
    s.final ? null : nextPollAt,
    s.reason ? cipher.seal(JSON.stringify(s.reason), aad(row.receiver, row.key, 'remote_reason')) : null,
    row.id,
  );
}

export function markDelivered(
  db: Db,
  cipher: OutboxCipher,
  row: OutboxRow,
  s: RemoteStatus,
  now: number,
  nextPollAt: number | null,
): void {
  db.transaction(() => {
    const changed = db
      .prepare(
        `UPDATE outbox SET state = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND state = 'pending'`,
      )
      .run(new Date(now).toISOString(), row.id).changes;
    if (changed) writeRemote(db, cipher, row, s, nextPollAt);
  })();
}

/**
 * An ordered receiver's head and the pending messages queued right behind it, up to `limit`, as
 * long as their seq runs on without a hole (a hole is a message that is not pending: refused).
 */
export function pendingRun(db: Db, head: OutboxRow, limit: number): OutboxRow[] {
  const rows = selectRows(
    db,
    `receiver = ? AND state = 'pending' AND seq >= ? ORDER BY seq LIMIT ?`,
    head.receiver,
    head.seq,
    limit,
  );
  const run: OutboxRow[] = [];
  for (const r of rows) {
    if (run.length === 0 ? r.id !== head.id : r.seq !== run[run.length - 1]!.seq + 1) break;
    run.push(r);
  }
  return run;
}

/** A delivered run, all in one transaction (one commit, not one per message). */
export function markDeliveredMany(
  db: Db,
  cipher: OutboxCipher,
  rows: readonly OutboxRow[],
  statuses: readonly RemoteStatus[],
  now: number,
  nextPollAt: number | null,
): void {
  const at = new Date(now).toISOString();
  // One statement per message (state and the receiver's word together), one commit for the run.
  const mark = prep(
    db,
    `UPDATE outbox SET state = 'delivered', delivered_at = ?, attempts = attempts + 1, last_error = NULL,
       remote_id = coalesce(?, remote_id), remote_state = ?, remote_at = ?, final = ?, next_poll_at = ?, poll_failures = 0,
       remote_reason = coalesce(?, remote_reason)
     WHERE id = ? AND state = 'pending'`,
  );
  db.transaction(() => {
    rows.forEach((row, i) => {
      const s = statuses[i]!;
      mark.run(
        at,
        s.remoteId ?? null,
        s.state,
        s.at ?? at,
        s.final ? 1 : 0,
        s.final ? null : nextPollAt,
        s.reason ? cipher.seal(JSON.stringify(s.reason), aad(row.receiver, row.key, 'remote_reason')) : null,
        row.id,
      );
    });
  })();
}

export function markRetry(db: Db, row: OutboxRow, code: string, nextAttemptAt: number): void {
  prep(
    db,
    `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'pending'`,
  ).run(code, nextAttemptAt, row.id);
}

export function markDead(db: Db, row: OutboxRow, code: string): void {
  prep(
    db,
    `UPDATE outbox SET state = 'dead', attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'pending'`,
  ).run(code, row.id);
}

export function recordPoll(
  db: Db,
  cipher: OutboxCipher,
  row: OutboxRow,
  s: RemoteStatus,
  nextPollAt: number | null,
): boolean {
  const before = prep(db, 'SELECT remote_state FROM outbox WHERE id = ?').pluck().get(row.id) as string | null;
  writeRemote(db, cipher, row, s, nextPollAt);
  return before !== s.state;
}

export function markPollFailed(db: Db, row: OutboxRow, nextPollAt: number): void {
  prep(db, 'UPDATE outbox SET poll_failures = poll_failures + 1, next_poll_at = ? WHERE id = ?').run(
    nextPollAt,
    row.id,
  );
}

/**
 * The clerk has dealt with a rejection, a request for more information or a refused delivery. A
 * refused (dead) message is then final too: nothing more will happen to it, and retention may go.
 */
export function markHandled(db: Db, id: number, now = Date.now()): void {
  const r = db
    .prepare(
      "UPDATE outbox SET handled_at = ?, final = CASE WHEN state = 'dead' THEN 1 ELSE final END WHERE id = ? AND handled_at IS NULL",
    )
    .run(new Date(now).toISOString(), id);
  if (!r.changes) getMessage(db, id);
}

/**
 * Retention: deletes messages that are finished (delivered or refused, and final) and older than
 * `days`, with their sealed payloads. Anything still owed or undecided stays, whatever its age.
 */
export function purgeOutbox(db: Db, days: number, now = Date.now()): { purged: number } {
  const cutoff = new Date(now - days * 86_400_000).toISOString();
  return {
    purged: prep(db, "DELETE FROM outbox WHERE state <> 'pending' AND final = 1 AND created_at < ?").run(cutoff)
      .changes,
  };
}

/**
 * Messages of `family` that were put off because no receiver was registered for it are due now:
 * a receiver registered after start() (the rating platform's, the hall server's) must not wait out
 * the put-off on a restart.
 */
export function dueNowForFamily(db: Db, family: string, now: number): number {
  return db
    .prepare(
      `UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND last_error = 'OUTBOX_RECEIVER_UNKNOWN' AND ${FAMILY} = ?`,
    )
    .run(now, family).changes;
}

/**
 * Pending messages for `receiver` put off after failed tries are due now: the far end was seen
 * answering again by another call (the hall answered a read), so they need not wait out the
 * backoff. A message on the wire is not touched twice: delivery skips the ones in flight.
 */
export function dueNowForReceiver(db: Db, receiver: string, now: number): number {
  return db
    .prepare("UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND receiver = ? AND next_attempt_at > ?")
    .run(now, receiver, now).changes;
}
