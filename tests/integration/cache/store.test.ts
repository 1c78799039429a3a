import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../../../electron/services/db/open';
import { createCipher } from '../../../electron/services/crypto/cipher';
import { CryptoError } from '../../../electron/services/crypto/errors';
import {
  findByHolder,
  findByIdentifier,
  holderHash,
  identHash,
  putLicense,
  putLicenses,
} from '../../../electron/services/cache/store';
import { openPayload } from '../../../electron/services/cache/payload';
import type { Row } from '../../../electron/services/cache/statements';
import { fetched, hoursAgo, license, PEOPLE, POLICY, tempDir, UNVERIFIED } from '../../helpers/licenses';

let t: ReturnType<typeof tempDir>;
let db: Db;
const key = randomBytes(32);
const cipher = createCipher(key);
const opts = { policy: POLICY };

beforeEach(() => {
  t = tempDir();
  db = openDatabase(join(t.dir, 'counter.db'));
});
afterEach(() => {
  db.close();
  t.cleanup();
});

const expectCode = (fn: () => unknown, code: string) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
    expect((e as CryptoError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
};
const rowOf = (identifier: string) =>
  db.prepare('SELECT id, blob FROM license_cache WHERE ident_hash = ?').get(identHash(cipher, identifier)) as {
    id: number;
    blob: Buffer;
  };

describe('license cache store', () => {
  it('round-trips a license by holder and by identifier, marked as from the cache', () => {
    const hh = license('111002', PEOPLE.zhang);
    const house = license('113001', PEOPLE.zhang);
    const at = hoursAgo(2);
    putLicenses(db, cipher, [
      { fetched: fetched(hh, at), holderCodes: [PEOPLE.zhang.id] },
      { fetched: fetched(house, at), holderCodes: [PEOPLE.zhang.id] },
    ]);
    const found = findByHolder(db, cipher, PEOPLE.zhang.id, opts);
    expect(found.stale).toEqual([]);
    expect(found.corrupt).toEqual([]);
    expect(found.fresh.map((f) => f.license).sort((a, b) => a.identifier.localeCompare(b.identifier))).toEqual(
      [hh, house].sort((a, b) => a.identifier.localeCompare(b.identifier)),
    );
    expect(found.fresh.every((f) => f.source === 'cache' && f.fetchedAt === at.toISOString())).toBe(true);
    expect(
      findByHolder(db, cipher, PEOPLE.zhang.id, { ...opts, typeCodes: ['113001'] }).fresh.map(
        (f) => f.license.identifier,
      ),
    ).toEqual([house.identifier]);
    const one = findByIdentifier(db, cipher, hh.identifier, opts);
    expect(one && 'fresh' in one && one.fresh.license).toEqual(hh);
    expect(findByHolder(db, cipher, PEOPLE.wang.id, opts).fresh).toEqual([]);
  });

  it('normalises holder codes (lower-case x, spaces)', () => {
    putLicense(db, cipher, fetched(license('111002', PEOPLE.li)), [PEOPLE.li.id]);
    expect(findByHolder(db, cipher, ` ${PEOPLE.li.id.toLowerCase()} `, opts).fresh).toHaveLength(1);
  });

  it('finds a household register by every member it was fetched for, and by no one else', () => {
    const hh = license('111002', PEOPLE.zhang);
    const later = hoursAgo(1);
    putLicense(db, cipher, fetched(hh, hoursAgo(3)), [PEOPLE.zhang.id]);
    putLicense(db, cipher, fetched(hh, later), [PEOPLE.li.id]);
    for (const p of [PEOPLE.zhang, PEOPLE.li]) {
      const f = findByHolder(db, cipher, p.id, opts).fresh;
      expect(f).toHaveLength(1);
      expect(f[0]!.fetchedAt).toBe(later.toISOString());
    }
    expect(findByHolder(db, cipher, PEOPLE.wang.id, opts).fresh).toHaveLength(0);
    expect(db.prepare('SELECT count(*) AS n FROM license_cache').get()).toEqual({ n: 1 });
  });

  it('keeps the newer copy when an older answer arrives late, but still indexes its holder', () => {
    const hh = license('111002', PEOPLE.zhang);
    const newer = hoursAgo(1);
    putLicense(db, cipher, fetched(hh, newer), [PEOPLE.zhang.id]);
    putLicense(db, cipher, fetched({ ...hh, certificateNumber: 'OLD' }, hoursAgo(5)), [PEOPLE.li.id]);
    const f = findByHolder(db, cipher, PEOPLE.li.id, opts).fresh[0]!;
    expect(f.fetchedAt).toBe(newer.toISOString());
    expect(f.license.certificateNumber).toBe(hh.certificateNumber);
  });

  it('keeps an unverified license unverified', () => {
    const hh = license('111002', PEOPLE.zhang);
    putLicense(db, cipher, fetched(hh, new Date(), UNVERIFIED), [PEOPLE.zhang.id]);
    const f = findByHolder(db, cipher, PEOPLE.zhang.id, opts).fresh[0]!;
    expect(f.verification).toEqual(UNVERIFIED);
    db.prepare("UPDATE license_cache SET verification = 'verified'").run();
    const after = findByHolder(db, cipher, PEOPLE.zhang.id, opts);
    expect(after.fresh).toEqual([]);
    expect(after.corrupt.map((c) => c.error.code)).toEqual(['INTEGRITY']);
  });

  it('writes nothing when one entry of a batch fails', () => {
    const good = fetched(license('111002', PEOPLE.zhang));
    const bad = { ...fetched(license('113001', PEOPLE.zhang)), fetchedAt: 'not a date' };
    expect(() =>
      putLicenses(db, cipher, [
        { fetched: good, holderCodes: [PEOPLE.zhang.id] },
        { fetched: bad, holderCodes: [PEOPLE.zhang.id] },
      ]),
    ).toThrow(/not a date/);
    expect(
      db
        .prepare('SELECT (SELECT count(*) FROM license_cache) + (SELECT count(*) FROM license_cache_holder) AS n')
        .get(),
    ).toEqual({ n: 0 });
  });
});

describe('license cache integrity', () => {
  it('turns a tampered blob into a typed integrity error, never garbage', () => {
    const hh = license('111002', PEOPLE.zhang);
    putLicense(db, cipher, fetched(hh), [PEOPLE.zhang.id]);
    const { id, blob } = rowOf(hh.identifier);
    const bad = Buffer.from(blob);
    bad[40]! ^= 0x80;
    db.prepare('UPDATE license_cache SET blob = ? WHERE id = ?').run(bad, id);
    expectCode(() => findByIdentifier(db, cipher, hh.identifier, opts), 'INTEGRITY');
    const found = findByHolder(db, cipher, PEOPLE.zhang.id, opts);
    expect(found.fresh).toEqual([]);
    expect(found.corrupt).toHaveLength(1);
    expect(found.corrupt[0]!.typeCode).toBe('111002');
  });

  it('detects two rows whose blobs were swapped', () => {
    const a = license('111002', PEOPLE.zhang);
    const b = license('111002', PEOPLE.wang);
    const at = new Date();
    putLicense(db, cipher, fetched(a, at), [PEOPLE.zhang.id]);
    putLicense(db, cipher, fetched(b, at), [PEOPLE.wang.id]);
    const ra = rowOf(a.identifier);
    const rb = rowOf(b.identifier);
    db.transaction(() => {
      db.prepare('UPDATE license_cache SET blob = ? WHERE id = ?').run(rb.blob, ra.id);
      db.prepare('UPDATE license_cache SET blob = ? WHERE id = ?').run(ra.blob, rb.id);
    })();
    expectCode(() => findByIdentifier(db, cipher, a.identifier, opts), 'INTEGRITY');
    expectCode(() => findByIdentifier(db, cipher, b.identifier, opts), 'INTEGRITY');
    expect(findByHolder(db, cipher, PEOPLE.zhang.id, opts).fresh).toEqual([]);
  });

  it('detects an edited fetched_at (old data made to look fresh)', () => {
    const a = license('111002', PEOPLE.zhang);
    putLicense(db, cipher, fetched(a, hoursAgo(30)), [PEOPLE.zhang.id]);
    expect(findByHolder(db, cipher, PEOPLE.zhang.id, opts).stale).toHaveLength(1);
    db.prepare('UPDATE license_cache SET fetched_at = ?').run(Date.now());
    expectCode(() => findByIdentifier(db, cipher, a.identifier, opts), 'INTEGRITY');
  });

  it('detects a forged index row that points another person at a license', () => {
    const a = license('111002', PEOPLE.zhang);
    putLicense(db, cipher, fetched(a), [PEOPLE.zhang.id]);
    db.prepare('INSERT INTO license_cache_holder(holder_hash, type_code, license_id) VALUES (?, ?, ?)').run(
      holderHash(cipher, PEOPLE.wang.id),
      '111002',
      rowOf(a.identifier).id,
    );
    const found = findByHolder(db, cipher, PEOPLE.wang.id, opts);
    expect(found.fresh).toEqual([]);
    expect(found.corrupt.map((c) => c.error.code)).toEqual(['INTEGRITY']);
  });

  it('refuses to read the cache with another key', () => {
    const a = license('111002', PEOPLE.zhang);
    putLicense(db, cipher, fetched(a), [PEOPLE.zhang.id]);
    const other = createCipher(randomBytes(32));
    // Another key's lookup hashes find nothing at all; the row itself fails authentication under it.
    expect(findByHolder(db, other, PEOPLE.zhang.id, opts).fresh).toEqual([]);
    expect(findByIdentifier(db, other, a.identifier, opts)).toBeNull();
    const row = db.prepare('SELECT * FROM license_cache').get() as Row;
    expectCode(() => openPayload(other, row), 'INTEGRITY');
    expect(openPayload(cipher, row).license).toEqual(a);
  });

  it('reports entries past their max age without decrypting them', () => {
    const a = license('111002', PEOPLE.zhang);
    putLicense(db, cipher, fetched(a, hoursAgo(25)), [PEOPLE.zhang.id]);
    db.prepare('UPDATE license_cache SET blob = ?').run(randomBytes(100)); // would fail if opened
    const found = findByHolder(db, cipher, PEOPLE.zhang.id, opts);
    expect(found.fresh).toEqual([]);
    expect(found.corrupt).toEqual([]);
    expect(found.stale).toHaveLength(1);
    expect(found.stale[0]!.maxAgeMs).toBe(24 * 3_600_000);
    expect(found.stale[0]!.ageMs).toBeGreaterThan(25 * 3_600_000 - 1000);
  });
});
