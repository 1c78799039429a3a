import type { Db } from '../db/open';
import { entryHash } from './chain';
import { checkpointMessage } from './checkpoint';
import { verifyAuditSignature } from './signing-key';
import { GENESIS_HASH, type AuditRow } from './types';

export type VerifyResult =
  | { ok: true; entries: number; checkpoints: number; signedThrough: number; keyTrusted: boolean }
  | { ok: false; seq: number; reason: string; entries: number };

interface CheckpointRow {
  seq: number;
  hash: string;
  at: string;
  public_key: string;
  signature: string;
}

/**
 * Walks the whole chain in seq order and then every signed checkpoint. Finds: an edited row (its
 * hash no longer matches), a deleted or inserted row (a gap in seq or a broken prev_hash link), rows
 * swapped (seq is inside the hash), and a cut-off tail or a rebuilt chain (a checkpoint beyond the
 * head, or one whose hash or signature no longer matches). `trustedKey` is the terminal's public key
 * from its key file or from the operator's records; without it checkpoints are only self-consistent.
 */
export function verifyChain(db: Db, trustedKey?: string | null): VerifyResult {
  // Only the hashes at checkpoints are kept, so a long log verifies in constant memory.
  const checkpoints = db.prepare('SELECT * FROM audit_checkpoint ORDER BY seq').all() as CheckpointRow[];
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const hashes = new Map<number, string>();
  let expectSeq = 1;
  let prev = GENESIS_HASH;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    const fail = (reason: string): VerifyResult => ({ ok: false, seq: r.seq, reason, entries: expectSeq - 1 });
    if (r.seq !== expectSeq)
      return fail(
        r.seq > expectSeq
          ? `entries ${expectSeq}..${r.seq - 1} are missing (deleted)`
          : `sequence out of order (expected ${expectSeq})`,
      );
    if (r.prev_hash !== prev)
      return fail('its link to the previous entry is broken (an entry before it was changed, removed or reordered)');
    if (entryHash(prev, r) !== r.hash) return fail('its content does not match its hash (the entry was edited)');
    if (wanted.has(r.seq)) hashes.set(r.seq, r.hash);
    prev = r.hash;
    expectSeq++;
  }
  const entries = expectSeq - 1;
  let signedThrough = 0;
  for (const c of checkpoints) {
    const fail = (reason: string): VerifyResult => ({ ok: false, seq: c.seq, reason, entries });
    if (trustedKey && c.public_key !== trustedKey)
      return fail("checkpoint was signed with a key that is not this terminal's (the chain was rebuilt)");
    // The newest checkpoint's hash commits to every entry before it, so its signature alone vouches
    // for the whole walked chain; checking each older one (SM2 in JS, ms each) would add nothing.
    const last = c === checkpoints[checkpoints.length - 1];
    if (last && !verifyAuditSignature(checkpointMessage(c.seq, c.hash, c.at), c.signature, c.public_key))
      return fail('checkpoint signature is invalid (the checkpoint was altered)');
    if (c.seq > entries)
      return fail(
        `a signed checkpoint covers entry ${c.seq} but the log ends at ${entries} (entries were removed from the end)`,
      );
    if (hashes.get(c.seq) !== c.hash)
      return fail('the entry differs from the one signed at this checkpoint (the chain was rewritten)');
    signedThrough = c.seq;
  }
  return { ok: true, entries, checkpoints: checkpoints.length, signedThrough, keyTrusted: !!trustedKey };
}
