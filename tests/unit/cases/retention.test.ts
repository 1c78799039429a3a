import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chooseItem,
  issueCertificate,
  markCompleted,
  markJobAccepted,
  openCase,
  purgeExpired,
  recordChecks,
  recordReprint,
} from '../../../electron/services/cases';
import { HEAD, tempDb, testCipher, type TempDb } from '../../helpers/cases/fixtures';

const cipher = testCipher();
let t: TempDb;
beforeEach(() => (t = tempDb()));
afterEach(() => t.close());

const ok = {
  id: 'a',
  kind: 'card-valid',
  label: { zh: '甲', en: 'a' },
  result: 'passed' as const,
  sentence: { zh: '甲', en: 'a' },
};
function issued(item: string, readAt: string, finish = true): string {
  const { id } = openCase(t.db, cipher, {
    hallId: 'H1',
    counterId: 'C1',
    clerkId: 'k',
    source: 'card',
    person: HEAD,
    cardReadAt: new Date(readAt),
  });
  chooseItem(t.db, id, item);
  recordChecks(t.db, cipher, id, {
    licensesUsed: [],
    checks: [ok],
    seasonIndex: { addressKey: 'a', seasonStart: '2020-11-01', seasonEnd: '2021-03-31' },
  });
  issueCertificate(t.db, cipher, id);
  if (finish) {
    markJobAccepted(t.db, id, 'j', 'p');
    markCompleted(t.db, id);
    recordReprint(t.db, id, 'k', 'lost');
  }
  return id;
}

describe('purgeExpired', () => {
  it("deletes cases past their item's retention, keeps younger ones and interrupted prints, and never lowers a serial counter", () => {
    const old = issued('household-verification', '2020-01-01T00:00:00Z');
    const young = issued('household-verification', '2024-06-01T00:00:00Z');
    const longKept = issued('senior-card', '2020-01-01T00:00:00Z');
    const interrupted = issued('household-verification', '2020-01-01T00:00:00Z', false);
    const abandoned = openCase(t.db, cipher, {
      hallId: 'H1',
      counterId: 'C1',
      clerkId: 'k',
      source: 'card',
      person: HEAD,
      cardReadAt: new Date('2025-01-01T00:00:00Z'),
    }).id;
    const days: Record<string, number> = { 'household-verification': 1825, 'senior-card': 3650 };
    expect(purgeExpired(t.db, (c) => days[c], { now: new Date('2025-06-01T00:00:00Z'), fallbackDays: 30 })).toEqual({
      purged: 2,
    });
    const left = t.db.prepare('SELECT id FROM cases').pluck().all();
    expect(left.sort()).toEqual([young, longKept, interrupted].sort());
    expect(left).not.toContain(old);
    expect(left).not.toContain(abandoned);
    expect(t.db.prepare('SELECT last FROM serial_counter').pluck().get()).toBe(4);
    expect(t.db.pragma('foreign_key_check')).toEqual([]);
  });
});
