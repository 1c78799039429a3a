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
  it('are stored deflated and sealed, and read back exactly', () => {
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
    const stored = db.prepare('SELECT seq, checks FROM batch_rows WHERE job_id = ?').all('J1') as Array<{
      seq: number;
      checks: Buffer;
    }>;
    const plainBytes = Buffer.byteLength(JSON.stringify(rows[0]!.checks));
    for (const s of stored) {
      const opened = cipher.open(s.checks, `batch_rows/v1|J1|${s.seq}|checks`);
      expect(opened[0]).toBe(0x78); // zlib's header: packed
      expect(s.checks.length).toBeLessThan(plainBytes / 3);
    }
  });

  it('written before packing (sealed JSON) still read back', () => {
    const { db, cipher } = fixture();
    const checks = [check(1, '2010-04-04')];
    db.prepare(
      "INSERT INTO batch_rows(job_id, seq, outcome, problem, failed_checks, input, checks, checked_at) VALUES ('J1', 7, 'passed', NULL, '', ?, ?, '2026-11-30T00:00:00Z')",
    ).run(
      cipher.seal(JSON.stringify({ name: '李四', idNumber: '110105194912310011' }), 'batch_rows/v1|J1|7|input'),
      cipher.seal(JSON.stringify(checks), 'batch_rows/v1|J1|7|checks'),
    );
    expect(listRows(db, cipher, 'J1')[0]).toMatchObject({ seq: 7, checks, input: { name: '李四' } });
  });
});
