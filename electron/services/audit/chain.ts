import { sm3Hex } from './sm3';
import type { AuditRow } from './types';

/**
 * The canonical form that is hashed: a JSON array in fixed column order, so the hash never depends
 * on key order or on how SQLite hands back a row. The sealed detail is hashed as stored
 * (ciphertext, base64) so the chain verifies without the data key.
 */
export function canonicalEntry(r: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  return JSON.stringify([
    r.seq,
    r.at,
    r.actor,
    r.action,
    r.subject,
    r.item_code,
    r.case_id,
    r.purpose,
    r.detail,
    r.detail_sealed ? r.detail_sealed.toString('base64') : null,
  ]);
}

/** hash = SM3(prev_hash || canonical entry). */
export function entryHash(prevHash: string, r: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  return sm3Hex(prevHash + canonicalEntry(r));
}
