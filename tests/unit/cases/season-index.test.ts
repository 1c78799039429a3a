import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chooseItem,
  issueCertificate,
  issuedForAddress,
  issuedLookup,
  licensesUsedFrom,
  openCase,
  recordChecks,
  voidCase,
} from '../../../electron/services/cases';
import { getItem, loadCatalog } from '../../../electron/services/catalog';
import { evaluate } from '../../../electron/services/rules';
import { baseFacts, HEAD, SPOUSE, tempDb, testCipher, type TempDb } from '../../helpers/cases/fixtures';

const item = getItem(loadCatalog(join(__dirname, '../../../resources/catalog')), 'clean-energy-check');
const cipher = testCipher();
let t: TempDb;
beforeEach(() => (t = tempDb()));
afterEach(() => t.close());

/** One whole clean-energy case through the real rules, with the "issued this season" lookup wired to the db. */
function runCase(person: { name: string; idNumber: string }, now: Date) {
  const { id } = openCase(t.db, cipher, {
    hallId: 'H1',
    counterId: 'C1',
    clerkId: 'k',
    source: 'card',
    person,
    cardReadAt: now,
  });
  chooseItem(t.db, id, item.code, now);
  const facts = baseFacts({
    card: { ...baseFacts().card, ...person },
    now,
    issuedForAddress: issuedLookup(t.db, cipher, item.code, id),
  });
  const ev = evaluate(item, facts);
  recordChecks(t.db, cipher, id, {
    licensesUsed: licensesUsedFrom(facts.licenses),
    checks: ev.checks,
    seasonIndex: ev.seasonIndex,
    at: now,
  });
  return { id, ev };
}

describe('once per address and heating season', () => {
  it('blocks a second certificate for the same address in the same season, from another household member too', () => {
    const first = runCase(HEAD, new Date(2025, 10, 20));
    expect(first.ev.eligible).toBe(true);
    const { serial } = issueCertificate(t.db, cipher, first.id, { at: new Date(2025, 10, 20) });

    const second = runCase(SPOUSE, new Date(2026, 2, 31, 18));
    const c = second.ev.checks.find((x) => x.id === 'not-issued-this-season')!;
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toContain(serial);
  });

  it('allows it again next season, and after the earlier one is voided', () => {
    const first = runCase(HEAD, new Date(2025, 10, 20));
    issueCertificate(t.db, cipher, first.id);
    expect(runCase(SPOUSE, new Date(2026, 3, 1)).ev.eligible).toBe(true); // 1 Apr: next season
    expect(runCase(SPOUSE, new Date(2025, 11, 1)).ev.eligible).toBe(false);
    voidCase(t.db, first.id, 'sup', 'issued to the wrong household');
    expect(runCase(SPOUSE, new Date(2025, 11, 1)).ev.eligible).toBe(true);
  });

  it('does not count checks that never led to a certificate, or other items', () => {
    runCase(HEAD, new Date(2025, 10, 20)); // checked, never issued
    expect(runCase(SPOUSE, new Date(2025, 10, 21)).ev.eligible).toBe(true);
    expect(
      issuedForAddress(
        t.db,
        cipher,
        'household-verification',
        '示范市青山区柳河镇东庄村18号',
        '2025-11-01',
        '2026-03-31',
      ),
    ).toEqual([]);
  });

  it('stores the address only as a keyed hash', () => {
    const first = runCase(HEAD, new Date(2025, 10, 20));
    issueCertificate(t.db, cipher, first.id);
    const row = t.db.prepare('SELECT address_hash, season_start, season_end FROM issued_index').get() as Record<
      string,
      string
    >;
    expect(row).toEqual({
      address_hash: cipher.keyedHash('示范市青山区柳河镇东庄村18号'),
      season_start: '2025-11-01',
      season_end: '2026-03-31',
    });
  });
});
