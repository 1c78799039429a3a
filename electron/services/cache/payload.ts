import type { FetchedLicense, LicenseRecord, VerificationState } from '../registry/types';
import type { RecordCipher } from '../crypto/cipher';
import { CacheError } from './errors';
import type { Row } from './statements';

/** What is sealed in a cache row: the license, its verification and every holder code it was fetched for. */
export interface Payload {
  v: 1;
  holders: string[];
  license: LicenseRecord;
  verification: VerificationState;
  fetchedAt: string;
}

export type RowMeta = Pick<Row, 'ident_hash' | 'type_code' | 'fetched_at' | 'valid_to' | 'verification'>;

/**
 * The associated data binds every plaintext column the app acts on, so swapping blobs between rows
 * or editing a column (e.g. flipping 'unverified' to 'verified', or making old data look fresh) fails
 * the integrity check. Only hashes and non-personal fields go here: it appears in error messages.
 */
export const rowAad = (m: RowMeta): string =>
  `license_cache/v1|${m.ident_hash}|${m.type_code}|${m.fetched_at}|${m.valid_to}|${m.verification}`;

export const normalizeHolderCode = (code: string): string => code.trim().toUpperCase();

export function sealPayload(cipher: RecordCipher, meta: RowMeta, p: Payload): Buffer {
  return cipher.seal(JSON.stringify(p), rowAad(meta));
}

export function openPayload(cipher: RecordCipher, row: Row): Payload {
  const text = cipher.open(row.blob, rowAad(row)).toString('utf8');
  let p: Payload;
  try {
    p = JSON.parse(text) as Payload;
  } catch (cause) {
    throw new CacheError(
      'CACHE_PAYLOAD_INVALID',
      'a cached license could not be decoded; purge the cache and fetch again',
      { cause },
    );
  }
  if (p?.v !== 1 || !Array.isArray(p.holders) || typeof p.license?.identifier !== 'string' || !p.verification) {
    throw new CacheError(
      'CACHE_PAYLOAD_INVALID',
      'a cached license has an unknown layout (written by another app version?); purge the cache and fetch again',
    );
  }
  return p;
}

export const toFetched = (p: Payload): FetchedLicense => ({
  license: p.license,
  verification: p.verification,
  fetchedAt: p.fetchedAt,
  source: 'cache',
});
