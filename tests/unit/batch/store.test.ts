import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createJob, listRows, putRow, rowWriter, type StoredRow } from '../../../electron/services/batch/store';
import { getItem, loadCatalog } from '../../../electron/services/catalog';
import { createCipher } from '../../../electron/services/crypto/cipher';
import { openDatabase } from '../../../electron/services/db/open';
import type { CheckResult } from '../../../electron/services/rules';
import { SandboxData } from '../../../sandbox/data';
import { evaluatedRows } from '../../helpers/batch-checks';
import { schoolList } from '../../helpers/school-list';

const item = getItem(loadCatalog(), 'school-enrolment');

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
    const put = rowWriter(db, cipher, 'J1', item);
    for (const r of rows) put(r);
    expect(listRows(db, cipher, 'J1', { item, limit: 100 })).toEqual(rows);
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

  it('of real school rows read back exactly, smaller, sealed, and bound to their place', () => {
    const { db, cipher } = fixture();
    const today = '2026-11-23';
    const data = new SandboxData({ residents: 2_000, today });
    const list = schoolList(data.world, today, { real: 10 });
    const rows: StoredRow[] = evaluatedRows(data, item, list.families, new Date(`${today}T10:00:00+08:00`), {
      cacheEvery: 4,
      brokenEvery: 9,
    }).map((r, i) => ({
      seq: i + 1,
      outcome: r.outcome,
      failedChecks: r.checks.filter((c) => c.result !== 'passed').map((c) => c.id),
      input: r.input,
      checks: r.checks,
    }));
    const put = rowWriter(db, cipher, 'J1', item);
    for (const r of rows) put(r);
    expect(listRows(db, cipher, 'J1', { item, limit: 100 })).toStrictEqual(rows);
    const stored = db.prepare('SELECT seq, checks FROM batch_rows WHERE job_id = ? ORDER BY seq').all('J1') as Array<{
      seq: number;
      checks: Buffer;
    }>;
    const plain = rows.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r.checks)), 0);
    const sealed = stored.reduce((n, s) => n + s.checks.length, 0);
    console.info(
      `school rows: ${Math.round(plain / rows.length)} B of CheckResult[] JSON, ${Math.round(sealed / rows.length)} B sealed compact, per row`,
    );
    expect(sealed).toBeLessThan(plain * 0.6);
    for (const s of stored) {
      const r = rows[s.seq - 1]!;
      for (const secret of [r.input.idNumber, r.input.name, r.checks![0]!.sentence.zh.slice(0, 6), '户籍'])
        expect(s.checks.includes(Buffer.from(secret)), secret).toBe(false);
      // The compact checks still open only under their own row's AAD.
      const other = stored.find((o) => o.seq !== s.seq)!;
      expect(() => cipher.open(other.checks, `batch_rows/v1|J1|${s.seq}|checks`)).toThrow();
      expect(() => cipher.open(s.checks, `batch_rows/v1|J2|${s.seq}|checks`)).toThrow();
    }
  });

  it('written before the compact format (a sealed CheckResult[]) read back unchanged', () => {
    const { db, cipher } = fixture();
    const old: StoredRow = {
      seq: 7,
      outcome: 'failed',
      failedChecks: ['child-register-since-0'],
      input: { name: '张三', idNumber: '11010519491231002X' },
      // One check with a source, one without (the old rows carry both).
      checks: [check(0, '2019-04-04'), check(1, '2019-04-04')].map((c, i) =>
        i === 0 ? c : { id: c.id, kind: c.kind, label: c.label, result: c.result, sentence: c.sentence },
      ),
    };
    // As the store wrote it until now: JSON.stringify of the CheckResult[], sealed under the row.
    db.prepare(
      'INSERT INTO batch_rows(job_id, seq, outcome, problem, failed_checks, input, checks, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      'J1',
      old.seq,
      old.outcome,
      null,
      old.failedChecks.join(','),
      cipher.seal(JSON.stringify(old.input), 'batch_rows/v1|J1|7|input'),
      cipher.seal(JSON.stringify(old.checks), 'batch_rows/v1|J1|7|checks'),
      new Date().toISOString(),
    );
    putRow(db, cipher, 'J1', item, { ...old, seq: 8 });
    const back = listRows(db, cipher, 'J1', { item, limit: 10 });
    expect(back).toStrictEqual([old, { ...old, seq: 8 }]);
  });

  it('that are damaged are a BATCH_ROW_DAMAGED error naming the line', () => {
    const { db, cipher } = fixture();
    db.prepare(
      'INSERT INTO batch_rows(job_id, seq, outcome, problem, failed_checks, input, checks, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      'J1',
      3,
      'passed',
      null,
      '',
      cipher.seal(JSON.stringify({ name: '张三', idNumber: '11010519491231002X' }), 'batch_rows/v1|J1|3|input'),
      cipher.seal(JSON.stringify({ v: 2, s: [], c: [['child-age', 0, 'a', 'b', 0]] }), 'batch_rows/v1|J1|3|checks'),
      new Date().toISOString(),
    );
    expect(() => listRows(db, cipher, 'J1', { item, limit: 10 })).toThrow(
      expect.objectContaining({ code: 'BATCH_ROW_DAMAGED', params: { line: 3 } }),
    );
  });
});
