import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createJob, listRows, rowWriter, type StoredRow } from '../../../electron/services/batch/store';
import { createCipher } from '../../../electron/services/crypto/cipher';
import { openDatabase } from '../../../electron/services/db/open';
import type { CheckResult } from '../../../electron/services/rules';

const check = (i: number, day: string): CheckResult => ({
  id: `child-register-since-${i}`,
  kind: 'expr',
  label: { zh: '户籍迁入满规定年限', en: 'Registered for long enough' },
  result: i % 5 === 0 ? 'failed' : 'passed',
  sentence: { zh: `该户自 ${day} 起登记，已满 1 年。`, en: `The household has been registered since ${day}.` },
  source: {
    typeCode: '111002',
    typeName: '居民户口簿',
    number: `0903010000${i}`,
    issuer: '示范市公安局',
    identifier: '1.2.156.3005.2.111002.DMPSB01.1000000.001.R',
  },
});

function fixture() {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'batch-store-')), 'terminal.db'));
  const cipher = createCipher(randomBytes(32));
  createJob(db, cipher, {
    id: 'J1',
    itemCode: 'school-enrolment',
    reason: '核验',
    clerkId: 'st1',
    source: '/l.csv',
    mapping: { name: 0, idNumber: 1 },
  });
  return { db, cipher };
}

describe("a batch row's checks", () => {
  it('are sealed under their row, and read back exactly', () => {
    const { db, cipher } = fixture();
    const rows: StoredRow[] = Array.from({ length: 20 }, (_, r) => ({
      seq: r + 1,
      outcome: 'failed',
      failedChecks: ['child-register-since-0'],
      input: { name: '张三', idNumber: '11010519491231002X' },
      checks: Array.from({ length: 13 }, (_, i) => check(i, `20${10 + r}-04-04`)),
    }));
    const put = rowWriter(db, cipher, 'J1');
    for (const r of rows) put(r);
    expect(listRows(db, cipher, 'J1', { limit: 100 })).toEqual(rows);
    const stored = db.prepare('SELECT seq, input, checks FROM batch_rows WHERE job_id = ?').all('J1') as Array<{
      seq: number;
      input: Buffer;
      checks: Buffer;
    }>;
    for (const s of stored) {
      for (const b of [s.input, s.checks]) {
        expect(b.includes(Buffer.from('11010519491231002X'))).toBe(false);
        expect(b.includes(Buffer.from('户籍迁入'))).toBe(false);
      }
      // Another row's checks do not open under this row's AAD.
      const other = stored.find((o) => o.seq !== s.seq)!;
      expect(() => cipher.open(other.checks, `batch_rows/v1|J1|${s.seq}|checks`)).toThrow();
    }
  });
});
