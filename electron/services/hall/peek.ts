import type { Db } from '../db/open';
import type { HallEventBody, HallEventEnvelope } from '../../../protocol/hall-wire';
import { openPayload, type OutboxCipher } from '../outbox';
/** Up to `limit` queued hall messages after `seq` for one receiver, opened (a catch-up batch). */
export type PeekAfter = (receiver: string, seq: number, limit: number) => HallEventEnvelope[];

/** Reads the pending hall messages queued behind `seq` straight from the outbox table (read-only). */
export function outboxPeek(db: Db, cipher: OutboxCipher): PeekAfter {
  const stmt = db.prepare(
    "SELECT id, receiver, key, seq FROM outbox WHERE receiver = ? AND seq > ? AND state = 'pending' ORDER BY seq LIMIT ?",
  );
  return (receiver, seq, limit) =>
    (stmt.all(receiver, seq, limit) as { id: number; receiver: string; key: string; seq: number }[]).map((r) => ({
      seq: r.seq,
      key: r.key,
      body: JSON.parse(openPayload(db, cipher, r)) as HallEventBody,
    }));
}
