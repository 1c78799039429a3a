import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../../../electron/services/db/open';
import { createCipher } from '../../../electron/services/crypto/cipher';
import { putLicense } from '../../../electron/services/cache/store';
import { LicenseService, type LicenseServiceOptions } from '../../../electron/services/licenses/service';
import type { RegistryStatus } from '../../../electron/services/licenses/status';
import { fetched, hoursAgo, license, PEOPLE, POLICY, tempDir, UNVERIFIED } from '../../helpers/licenses';
import { FakeRegistry, USAGE } from './fake-registry';

const HH = '111002';
const RE = '113001';
let t: ReturnType<typeof tempDir>;
let db: Db;
let registry: FakeRegistry;
const cipher = createCipher(randomBytes(32));
let clock: Date;

beforeEach(() => {
  t = tempDir();
  db = openDatabase(join(t.dir, 'counter.db'));
  registry = new FakeRegistry();
  clock = new Date('2025-01-10T10:42:00.000Z');
});
afterEach(() => {
  db.close();
  t.cleanup();
});

const service = (o: Partial<LicenseServiceOptions> = {}) =>
  new LicenseService({ registry, db, cipher, policy: POLICY, timeoutMs: 200, now: () => clock, ...o });
const codes = (errs: { code: string }[]) => errs.map((e) => e.code).sort();

describe('LicenseService online', () => {
  it('returns live licenses, caches them, and lists types the registry does not have', async () => {
    const hh = license(HH, PEOPLE.zhang);
    registry.add(hh, [PEOPLE.zhang.id, PEOPLE.li.id]);
    const s = service();
    const r = await s.fetchForHolder(PEOPLE.zhang.id, USAGE, [HH, RE]);
    expect(r.online).toBe(true);
    expect(r.offlineSince).toBeUndefined();
    expect(r.errors).toEqual([]);
    expect(r.missing).toEqual([RE]);
    expect(r.licenses.map((l) => [l.source, l.license.identifier])).toEqual([['registry', hh.identifier]]);

    registry.mode = 'down';
    const off = await s.fetchForHolder(PEOPLE.zhang.id, USAGE, [HH]);
    expect(off.licenses.map((l) => [l.source, l.license])).toEqual([['cache', hh]]);
  });

  it('runs the gets concurrently after one search', async () => {
    for (const type of [HH, RE, '113002', '111001']) registry.add(license(type, PEOPLE.zhang), [PEOPLE.zhang.id]);
    registry.getDelayMs = 60;
    const r = await service({ timeoutMs: 1000 }).fetchForHolder(PEOPLE.zhang.id, USAGE);
    expect(r.licenses).toHaveLength(4);
    expect(registry.calls).toEqual({ search: 1, get: 4 });
    // All four were in flight at once: concurrency shown by the registry, not by a clock.
    expect(registry.maxInFlight).toBe(4);
  });

  it('indexes a household register under each member it was fetched for', async () => {
    const hh = license(HH, PEOPLE.zhang);
    registry.add(hh, [PEOPLE.zhang.id, PEOPLE.li.id]);
    const s = service();
    await s.fetchForHolder(PEOPLE.zhang.id, USAGE, [HH]);
    await s.fetchForHolder(PEOPLE.li.id, USAGE, [HH]);
    registry.mode = 'down';
    for (const p of [PEOPLE.zhang, PEOPLE.li])
      expect((await s.fetchForHolder(p.id, USAGE, [HH])).licenses).toHaveLength(1);
    expect((await s.fetchForHolder(PEOPLE.wang.id, USAGE, [HH])).licenses).toHaveLength(0);
  });

  it('serves the cached copy of one license whose get failed, the rest live', async () => {
    const hh = license(HH, PEOPLE.zhang);
    const re = license(RE, PEOPLE.zhang);
    registry.add(hh, [PEOPLE.zhang.id]).add(re, [PEOPLE.zhang.id]);
    putLicense(db, cipher, fetched(re, hoursAgo(10, clock)), [PEOPLE.zhang.id]);
    registry.getMode.set(re.identifier, 'down');
    const r = await service().fetchForHolder(PEOPLE.zhang.id, USAGE, [HH, RE]);
    expect(r.licenses.map((l) => [l.license.certificateType, l.source]).sort()).toEqual([
      [HH, 'registry'],
      [RE, 'cache'],
    ]);
    expect(r.missing).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'REGISTRY_UNAVAILABLE', typeCode: RE })]);
  });

  it('refuses a get answer for a different license', async () => {
    const hh = license(HH, PEOPLE.zhang);
    registry.add(hh, [PEOPLE.zhang.id]).add(license(RE, PEOPLE.wang), [PEOPLE.wang.id]);
    registry.getMode.set(hh.identifier, 'wrong');
    const r = await service().fetchForHolder(PEOPLE.zhang.id, USAGE, [HH]);
    expect(r.licenses).toEqual([]);
    expect(r.missing).toEqual([HH]);
    expect(codes(r.errors)).toEqual(['REGISTRY_MISMATCH']);
  });

  it('does not fall back to the cache for a definite refusal', async () => {
    const hh = license(HH, PEOPLE.zhang);
    putLicense(db, cipher, fetched(hh, hoursAgo(1, clock)), [PEOPLE.zhang.id]);
    registry.mode = 'down';
    const r = await service({ isUnreachable: () => false }).fetchForHolder(PEOPLE.zhang.id, USAGE, [HH]);
    expect(r.licenses).toEqual([]);
    expect(r.online).toBe(true);
    expect(r.errors).toEqual([
      expect.objectContaining({ code: 'REGISTRY_FAILED', message: expect.stringContaining('ECONNREFUSED') }),
    ]);
  });
});

describe('LicenseService offline', () => {
  it('serves the cache with its age when the registry is down', async () => {
    const hh = license(HH, PEOPLE.zhang);
    const at = hoursAgo(5, clock);
    putLicense(db, cipher, fetched(hh, at), [PEOPLE.zhang.id]);
    registry.mode = 'down';
    const r = await service().fetchForHolder(PEOPLE.zhang.id, USAGE, [HH]);
    expect(r.online).toBe(false);
    expect(r.offlineSince).toBe(clock.toISOString());
    expect(r.licenses).toEqual([
      { license: hh, verification: fetched(hh).verification, fetchedAt: at.toISOString(), source: 'cache' },
    ]);
    expect(r.missing).toEqual([]);
    expect(codes(r.errors)).toEqual(['REGISTRY_UNAVAILABLE']);
  });

  it('gives up on a hanging registry after the timeout', async () => {
    putLicense(db, cipher, fetched(license(HH, PEOPLE.zhang), hoursAgo(1, clock)), [PEOPLE.zhang.id]);
    registry.mode = 'hang';
    const started = Date.now();
    const r = await service({ timeoutMs: 80 }).fetchForHolder(PEOPLE.zhang.id, USAGE, [HH]);
    // A hanging registry never answers; finishing at all (well before the test's own timeout) is the proof.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.licenses.map((l) => l.source)).toEqual(['cache']);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'REGISTRY_TIMEOUT', details: { timeoutMs: 80 } })]);
  });

  it('does not call the registry at all while its breaker is open', async () => {
    putLicense(db, cipher, fetched(license(HH, PEOPLE.zhang), hoursAgo(1, clock)), [PEOPLE.zhang.id]);
    const r = await service({ isOnline: () => false }).fetchForHolder(PEOPLE.zhang.id, USAGE, [HH]);
    expect(registry.calls).toEqual({ search: 0, get: 0 });
    expect(r.licenses).toHaveLength(1);
    expect(r.online).toBe(false);
    expect(codes(r.errors)).toEqual(['REGISTRY_UNAVAILABLE']);
  });

  it('refuses cached data past the type maximum age, saying how old it is and what to do', async () => {
    putLicense(db, cipher, fetched(license(HH, PEOPLE.zhang), hoursAgo(30, clock)), [PEOPLE.zhang.id]);
    putLicense(db, cipher, fetched(license(RE, PEOPLE.zhang), hoursAgo(30, clock)), [PEOPLE.zhang.id]); // 168 h allowed
    registry.mode = 'down';
    const r = await service().fetchForHolder(PEOPLE.zhang.id, USAGE, [HH, RE]);
    expect(r.licenses.map((l) => l.license.certificateType)).toEqual([RE]);
    expect(r.missing).toEqual([HH]);
    const tooOld = r.errors.find((e) => e.code === 'CACHE_TOO_OLD')!;
    expect(tooOld).toMatchObject({
      typeCode: HH,
      details: { ageHours: 30, maxAgeHours: 24, fetchedAt: hoursAgo(30, clock).toISOString() },
    });
    expect(tooOld.message).toMatch(/30 h old.*at most 24 h.*Reconnect.*paper document/);
  });

  it('says when there is nothing cached for a requested type', async () => {
    registry.mode = 'down';
    const r = await service().fetchForHolder(PEOPLE.wang.id, USAGE, [HH]);
    expect(r.licenses).toEqual([]);
    expect(r.missing).toEqual([HH]);
    expect(codes(r.errors)).toEqual(['NOT_IN_CACHE', 'REGISTRY_UNAVAILABLE']);
  });

  it('keeps an unverified license unverified, live and from the cache', async () => {
    const hh = license(HH, PEOPLE.zhang);
    registry.add(hh, [PEOPLE.zhang.id], UNVERIFIED);
    const s = service();
    expect((await s.fetchForHolder(PEOPLE.zhang.id, USAGE, [HH])).licenses[0]!.verification).toEqual(UNVERIFIED);
    registry.mode = 'down';
    const r = await s.fetchForHolder(PEOPLE.zhang.id, USAGE, [HH]);
    expect(r.licenses[0]).toMatchObject({ source: 'cache', verification: UNVERIFIED });
  });

  it('reports a tampered cache entry as an error, not as data', async () => {
    putLicense(db, cipher, fetched(license(HH, PEOPLE.zhang), hoursAgo(1, clock)), [PEOPLE.zhang.id]);
    const { blob } = db.prepare('SELECT blob FROM license_cache').get() as { blob: Buffer };
    db.prepare('UPDATE license_cache SET blob = ?').run(
      Buffer.concat([blob.subarray(0, 20), Buffer.alloc(blob.length - 20)]),
    );
    registry.mode = 'down';
    const r = await service().fetchForHolder(PEOPLE.zhang.id, USAGE, [HH]);
    expect(r.licenses).toEqual([]);
    expect(codes(r.errors)).toEqual(['CACHE_INTEGRITY', 'REGISTRY_UNAVAILABLE']);
  });

  it('tracks offline since the first failure and clears it on recovery', async () => {
    const events: RegistryStatus[] = [];
    const s = service();
    s.onStatusChange((st) => events.push(st));
    registry.mode = 'down';
    await s.fetchForHolder(PEOPLE.zhang.id, USAGE);
    const since = clock.toISOString();
    clock = new Date(clock.getTime() + 60_000);
    await s.fetchForHolder(PEOPLE.zhang.id, USAGE);
    expect(s.getStatus()).toEqual({ online: false, offlineSince: since });
    registry.mode = 'up';
    await s.fetchForHolder(PEOPLE.zhang.id, USAGE);
    expect(s.getStatus()).toEqual({ online: true, lastOnlineAt: clock.toISOString() });
    expect(events.map((e) => e.online)).toEqual([false, true]);
  });
});
