import type { RecordCipher } from '../crypto';

/**
 * The audit subject for a citizen: a keyed hash of the normalised ID number under the terminal's
 * data key, so the log can answer "who looked at this person" without holding the number. Every
 * service that logs an access must use this function so the hashes match.
 */
export function auditSubject(cipher: RecordCipher, idNumber: string): string {
  return cipher.keyedHash(`audit-subject:${idNumber.trim().toUpperCase()}`);
}
