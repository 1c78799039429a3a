import type Database from 'better-sqlite3';
import type { RecordCipher } from '../crypto/cipher';
import type { JobItem } from './job-item';
import { malformedIds, type IdField } from './mapping';
import type { CodecItem } from './row-codec';
import { listRows, type StoredRow } from './store';

const PAGE = 500;
/** Bad lines were never checked and carry no checks: no rules are needed to read them. */
const NO_RULES: CodecItem = { rules: [] };
export const PROBLEM_ZH = { 'missing-column': '缺少列', 'id-malformed': '身份证号码有误', duplicate: '重复' } as const;

const FIELD_ZH: Record<IdField, string> = {
  idNumber: '身份证号码',
  fatherIdNumber: '父亲身份证号码',
  motherIdNumber: '母亲身份证号码',
};

/** A bad line's problem in words, saying whose number is malformed when the list names parents. */
export function problemZh(row: StoredRow, parents: boolean, today: string): string {
  if (row.problem !== 'id-malformed') return row.problem ? PROBLEM_ZH[row.problem] : '';
  const fields = malformedIds(row.input, today);
  return (
    fields.map((f) => `${f === 'idNumber' && parents ? '儿童' : ''}${FIELD_ZH[f]}有误`).join('；') ||
    PROBLEM_ZH['id-malformed']
  );
}

/**
 * The bad lines counted by problem in words (problemZh). Only the malformed ones are opened (to
 * say whose number), one at a time; the others are counted by SQL.
 */
export function problemTally(
  db: Database.Database,
  cipher: RecordCipher,
  job: string,
  parents: boolean,
  today: string,
): Array<{ problem: string; n: number }> {
  const counts = db
    .prepare(
      "SELECT problem, count(*) AS n FROM batch_rows WHERE job_id = ? AND outcome = 'bad-input' GROUP BY problem ORDER BY problem",
    )
    .all(job) as Array<{ problem: keyof typeof PROBLEM_ZH; n: number }>;
  const out = new Map<string, number>();
  for (const c of counts) {
    if (c.problem !== 'id-malformed' || !parents) {
      out.set(PROBLEM_ZH[c.problem], (out.get(PROBLEM_ZH[c.problem]) ?? 0) + c.n);
      continue;
    }
    const seqs = db
      .prepare("SELECT seq FROM batch_rows WHERE job_id = ? AND problem = 'id-malformed' ORDER BY seq")
      .pluck()
      .all(job) as number[];
    for (const seq of seqs) {
      const row = listRows(db, cipher, job, { item: NO_RULES, offset: 0, limit: 1, fromSeq: seq, toSeq: seq })[0];
      if (!row) continue;
      const k = problemZh(row, parents, today);
      out.set(k, (out.get(k) ?? 0) + 1);
    }
  }
  return [...out].map(([problem, n]) => ({ problem, n }));
}

/** Every row of the job, a page at a time: a report never holds the whole list. */
export function* pages(
  db: Database.Database,
  cipher: RecordCipher,
  job: string,
  item: CodecItem,
): Generator<StoredRow> {
  for (let offset = 0; ; offset += PAGE) {
    const rows = listRows(db, cipher, job, { item, offset, limit: PAGE });
    yield* rows;
    if (rows.length < PAGE) return;
  }
}

/** Per condition, how many rows failed it and how many could not be checked (rows opened a page at a time). */
export function ruleTally(
  db: Database.Database,
  cipher: RecordCipher,
  job: string,
  item: JobItem,
): Map<string, { failed: number; unknown: number }> {
  const out = new Map(item.rules.map((r) => [r.id, { failed: 0, unknown: 0 }]));
  for (const row of pages(db, cipher, job, item))
    for (const c of row.checks ?? []) {
      const b = out.get(c.id);
      if (b && c.result !== 'passed') b[c.result]++;
    }
  return out;
}
