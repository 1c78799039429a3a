import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSubject, registerCaseLookup } from '../../../electron/services/audit';
import { purgeExpiredPool, sqlitePool, type DataPool } from '../../../electron/services/pool';
import { makeCore, type Fixture } from '../../helpers/core';

const ID_A = '11010519491231002X';
const ID_B = '110105194912310037';

describe('data pool on this terminal', () => {
  let f: Fixture;
  let pool: DataPool;
  const cases = new Map<string, { id: string; state: string; clerk: string }>();
  beforeAll(async () => {
    f = await makeCore();
    await f.addAccount('clerk1', ['clerk']);
    await f.addAccount('clerk2', ['clerk']);
    const cipher = f.core.services.cipher!;
    registerCaseLookup(f.core, (caseId) => {
      const c = cases.get(caseId);
      return c
        ? { caseId, state: c.state, subject: auditSubject(cipher, c.id), itemCode: 'care', clerkId: c.clerk }
        : null;
    });
    pool = sqlitePool(f.core, cipher);
    cases.set('c-a1', { id: ID_A, state: 'open', clerk: 'clerk1' });
    cases.set('c-a2', { id: ID_A, state: 'open', clerk: 'clerk1' });
    cases.set('c-b1', { id: ID_B, state: 'open', clerk: 'clerk1' });
    cases.set('c-a-closed', { id: ID_A, state: 'completed', clerk: 'clerk1' });
    cases.set('c-a-other', { id: ID_A, state: 'open', clerk: 'clerk2' });
    await f.signInAs('clerk1');
  });
  afterAll(() => f.close());

  it('keeps confirmed values sealed, keyed by the hash of the ID number, and gives them back in a later case', () => {
    const cipher = f.core.services.cipher!;
    pool.write({
      caseId: 'c-a1',
      subject: auditSubject(cipher, ID_A),
      itemCode: 'care',
      clerkId: 'clerk1',
      values: { phone: '13912345678', bank: '示范银行', guardianName: '' },
      retentionDays: 30,
    });
    const raw = f.core.db.prepare('SELECT subject, key, value FROM data_pool').all() as {
      subject: string;
      value: Buffer;
    }[];
    expect(raw).toHaveLength(2);
    for (const r of raw) {
      expect(r.subject).not.toContain(ID_A);
      expect(r.value.toString('latin1')).not.toContain('13912345678');
    }
    const got = pool.read('c-a2', ['phone', 'bank', 'guardianName']);
    expect(got.get('phone')?.value).toBe('13912345678');
    expect(got.get('bank')?.value).toBe('示范银行');
    expect(got.has('guardianName')).toBe(false);
    expect(got.get('phone')?.caseId).toBe('c-a1');
  });

  it('gives another person nothing, and audits every read', () => {
    expect(pool.read('c-b1', ['phone']).size).toBe(0);
    const reads = f.core.db.prepare("SELECT case_id, actor FROM audit_log WHERE action = 'pool-read'").all();
    expect(reads).toEqual([
      { case_id: 'c-a2', actor: 'clerk1' },
      { case_id: 'c-b1', actor: 'clerk1' },
    ]);
  });

  it('reads only inside an open case of the signed-in clerk', () => {
    expect(() => pool.read('c-a-closed', ['phone'])).toThrow(/CASE_NOT_OPEN|open case/);
    expect(() => pool.read('c-a-other', ['phone'])).toThrow(/another clerk/);
    expect(() => pool.read('no-such-case', ['phone'])).toThrow(/No such case/);
  });

  it('forgets values past the item retention', () => {
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect(purgeExpiredPool(f.core, later)).toBe(2);
    expect(pool.read('c-a2', ['phone']).size).toBe(0);
  });
});
