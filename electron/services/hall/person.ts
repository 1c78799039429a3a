import { createHmac } from 'node:crypto';

/**
 * The pool's person hash: HMAC-SHA256 with the hall-wide key the hall gave at pairing, so a person
 * hashes alike at every terminal of the hall (each terminal's own keyed hash differs, its key is
 * its own). The ID number never leaves the terminal.
 */
export function personHash(personKeyHex: string, idNumber: string): string {
  return createHmac('sha256', Buffer.from(personKeyHex, 'hex'))
    .update(`hall-person:${idNumber.trim().toUpperCase()}`, 'utf8')
    .digest('hex');
}
