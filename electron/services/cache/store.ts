import type Database from 'better-sqlite3';
import type { FetchedLicense } from '../registry/types';
import type { RecordCipher } from '../crypto/cipher';
import { CryptoError } from '../crypto/errors';
import { CacheError } from './errors';
import { normalizeHolderCode, openPayload, sealPayload, toFetched, type Payload, type RowMeta } from './payload';
import { maxAgeMs, type CachePolicy } from './policy';
import { statements, type Row } from './statements';

type Db = Database.Database;

export interface PutItem {
  fetched: FetchedLicense;
  /** Every holder code the license was fetched for (a household register is fetched by any member). */
  holderCodes: string[];
}

/** A cached entry too old to serve: only its age is reported, it is never decrypted. */
export interface StaleEntry {
  typeCode: string;
  fetchedAt: string;
  ageMs: number;
  maxAgeMs: number;
}

export interface CorruptEntry {
  typeCode: string;
  error: CryptoError | CacheError;
}

export interface HolderLookup {
  /** Within the type's max age, decrypted, `source: 'cache'`. */
  fresh: FetchedLicense[];
  stale: StaleEntry[];
  corrupt: CorruptEntry[];
}

export interface LookupOptions {
  policy: CachePolicy;
  now?: Date;
  typeCodes?: readonly string[];
}

export const identHash = (cipher: RecordCipher, identifier: string): string =>
  cipher.keyedHash(`license-id:${identifier}`);
// Bare ID number, so cases and audit can match the same person with keyedHash(key, idNumber).
export const holderHash = (cipher: RecordCipher, holderCode: string): string =>
  cipher.keyedHash(normalizeHolderCode(holderCode));

function putOne(db: Db, cipher: RecordCipher, { fetched, holderCodes }: PutItem): void {
  const s = statements(db);
  const lic = fetched.license;
  const ident = identHash(cipher, lic.identifier);
  const holders = new Set(holderCodes.map(normalizeHolderCode));
  let payload: Payload = {
    v: 1,
    holders: [],
    license: lic,
    verification: fetched.verification,
    fetchedAt: fetched.fetchedAt,
  };
  const existing = s.byIdent.get(ident);
  if (existing) {
    try {
      const old = openPayload(cipher, existing);
      old.holders.forEach((h) => holders.add(h));
      // A late answer must not replace a newer copy; it can still add the holder it was fetched for.
      if (Date.parse(old.fetchedAt) > Date.parse(fetched.fetchedAt)) payload = old;
    } catch (e) {
      if (!(e instanceof CryptoError || e instanceof CacheError)) throw e;
      // An unreadable old row is replaced whole; its index rows name holders we can no longer check.
      s.dropHolders.run(existing.id);
    }
  }
  payload.holders = [...holders].sort();
  const fetchedAtMs = Date.parse(payload.fetchedAt);
  if (!Number.isFinite(fetchedAtMs))
    throw new CacheError(
      'CACHE_PAYLOAD_INVALID',
      `fetchedAt "${payload.fetchedAt}" is not a date; the registry client must stamp fetched licenses`,
    );
  const meta: RowMeta = {
    ident_hash: ident,
    type_code: payload.license.certificateType,
    fetched_at: fetchedAtMs,
    valid_to: payload.license.certificateValidateEnd ?? '',
    verification: payload.verification.state,
  };
  const { id } = s.upsert.get(
    meta.ident_hash,
    meta.type_code,
    meta.fetched_at,
    meta.valid_to,
    meta.verification,
    sealPayload(cipher, meta, payload),
  )!;
  for (const h of payload.holders) s.indexHolder.run(holderHash(cipher, h), meta.type_code, id);
}

/** Stores licenses in one transaction: either every entry and its holder index rows are written, or none. */
export function putLicenses(db: Db, cipher: RecordCipher, items: readonly PutItem[]): void {
  db.transaction(() => items.forEach((it) => putOne(db, cipher, it)))();
}

export const putLicense = (db: Db, cipher: RecordCipher, fetched: FetchedLicense, holderCodes: string[]): void =>
  putLicenses(db, cipher, [{ fetched, holderCodes }]);

function classify(row: Row, policy: CachePolicy, now: number): StaleEntry | null {
  const max = maxAgeMs(policy, row.type_code);
  const age = now - row.fetched_at;
  return age > max
    ? { typeCode: row.type_code, fetchedAt: new Date(row.fetched_at).toISOString(), ageMs: age, maxAgeMs: max }
    : null;
}

/**
 * Cached licenses for a holder. Entries past their type's max age are reported in `stale` and never
 * decrypted; a row that fails its integrity check lands in `corrupt` instead of failing the others.
 */
export function findByHolder(db: Db, cipher: RecordCipher, holderCode: string, opts: LookupOptions): HolderLookup {
  const now = (opts.now ?? new Date()).getTime();
  const holder = normalizeHolderCode(holderCode);
  const out: HolderLookup = { fresh: [], stale: [], corrupt: [] };
  for (const row of statements(db).byHolder.all(holderHash(cipher, holder))) {
    if (opts.typeCodes && !opts.typeCodes.includes(row.type_code)) continue;
    const stale = classify(row, opts.policy, now);
    if (stale) {
      out.stale.push(stale);
      continue;
    }
    try {
      const p = openPayload(cipher, row);
      // The index row is not authenticated; the sealed holder list is, so a forged index row is caught here.
      if (!p.holders.includes(holder))
        throw new CryptoError(
          'INTEGRITY',
          'a cache index row points a holder at a license not fetched for them; purge the cache and fetch again',
        );
      out.fresh.push(toFetched(p));
    } catch (e) {
      if (!(e instanceof CryptoError || e instanceof CacheError)) throw e;
      out.corrupt.push({ typeCode: row.type_code, error: e });
    }
  }
  return out;
}

/** One license by identifier; throws CryptoError/CacheError when its row is damaged. */
export function findByIdentifier(
  db: Db,
  cipher: RecordCipher,
  identifier: string,
  opts: Omit<LookupOptions, 'typeCodes'>,
): { fresh: FetchedLicense } | { stale: StaleEntry } | null {
  const row = statements(db).byIdent.get(identHash(cipher, identifier));
  if (!row) return null;
  const stale = classify(row, opts.policy, (opts.now ?? new Date()).getTime());
  if (stale) return { stale };
  const p = openPayload(cipher, row);
  if (p.license.identifier !== identifier)
    throw new CryptoError(
      'INTEGRITY',
      'a cached license does not match the identifier it is filed under; purge the cache and fetch again',
    );
  return { fresh: toFetched(p) };
}

export const countCachedLicenses = (db: Db): number =>
  (db.prepare('SELECT count(*) AS n FROM license_cache').get() as { n: number }).n;

/** When the newest cached license was fetched: offline, the status bar says how old the cache is. */
export function newestCachedAt(db: Db): string | undefined {
  const row = db.prepare('SELECT max(fetched_at) AS at FROM license_cache').get() as { at: number | null };
  return row.at === null ? undefined : new Date(row.at).toISOString();
}
