import type Database from 'better-sqlite3';
import type { RecordCipher } from '../crypto/cipher';
import type { BatchItem } from './check-row';
import { listRows, type StoredRow } from './store';

const PAGE = 500;
export const PROBLEM_ZH = { 'missing-column': '缺少列', 'id-malformed': '身份证号码有误', duplicate: '重复' } as const;

/** Every row of the job, a page at a time: a report never holds the whole list. */
export function* pages(db: Database.Database, cipher: RecordCipher, job: string): Generator<StoredRow> {
  for (let offset = 0; ; offset += PAGE) {
    const rows = listRows(db, cipher, job, { offset, limit: PAGE });
    yield* rows;
    if (rows.length < PAGE) return;
  }
}

/** Per condition, how many rows failed it and how many could not be checked (rows opened a page at a time). */
export function ruleTally(
  db: Database.Database,
  cipher: RecordCipher,
  job: string,
  item: BatchItem,
): Map<string, { failed: number; unknown: number }> {
  const out = new Map(item.rules.map((r) => [r.id, { failed: 0, unknown: 0 }]));
  for (const row of pages(db, cipher, job))
    for (const c of row.checks ?? []) {
      const b = out.get(c.id);
      if (b && c.result !== 'passed') b[c.result]++;
    }
  return out;
}
