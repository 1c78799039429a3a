import type { Db } from '../db/open';
import type { AuditSigner } from './signing-key';

/** What a checkpoint signs: the chain head, bound to its position and time. */
export const checkpointMessage = (seq: number, hash: string, at: string) =>
  `counter-audit-checkpoint|${seq}|${hash}|${at}`;

export function writeCheckpoint(db: Db, signer: AuditSigner, seq: number, hash: string): void {
  const at = new Date().toISOString();
  db.prepare('INSERT OR IGNORE INTO audit_checkpoint(seq, hash, at, public_key, signature) VALUES (?, ?, ?, ?, ?)').run(
    seq,
    hash,
    at,
    signer.publicKey,
    signer.sign(checkpointMessage(seq, hash, at)),
  );
}

/** Signs the current head unless it is already signed (on shutdown, before an export, on demand). */
export function signHead(db: Db, signer: AuditSigner): { seq: number; hash: string } | null {
  return db.transaction(() => {
    const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    if (!head) return null;
    writeCheckpoint(db, signer, head.seq, head.hash);
    return head;
  })();
}
