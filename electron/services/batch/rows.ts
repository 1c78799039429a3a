import type Database from 'better-sqlite3';
import { machineDay } from '../core/calendar';
import { maskIdNumber } from '../../../protocol/id-mask';
import type { RecordCipher } from '../crypto/cipher';
import { malformedIds, type InputProblem } from './mapping';
import type { CodecItem } from './row-codec';
import { listRows, type RowOutcome, type StoredRow } from './store';
import type { BatchRowView, BatchRowsView } from './view-types';

export interface RowFilter {
  outcome?: RowOutcome;
  problem?: InputProblem;
  /** One condition's result: `rule` passed, failed or could not be checked. */
  rule?: string;
  ruleResult?: 'passed' | 'failed' | 'unknown';
  offset?: number;
  limit?: number;
}

const PAGE = 500;

/** A sentence or license number may carry an ID number (a resident ID card's number is one): mask any. */
const maskIds = (s: string) => s.replace(/\d{17}[\dXx]/g, (m) => maskIdNumber(m));

/** What the screen shows of a row: the names, the ID numbers masked, each check's verdict and license. */
export function rowView(r: StoredRow, today = machineDay(new Date())): BatchRowView {
  const { fatherIdNumber: father, motherIdNumber: mother } = r.input;
  return {
    seq: r.seq,
    outcome: r.outcome,
    ...(r.problem ? { problem: r.problem } : {}),
    name: r.input.name,
    idNumberMasked: maskIdNumber(r.input.idNumber),
    ...(father ? { fatherIdMasked: maskIdNumber(father) } : {}),
    ...(mother ? { motherIdMasked: maskIdNumber(mother) } : {}),
    ...(r.problem === 'id-malformed' ? { malformed: malformedIds(r.input, today) } : {}),
    checks: (r.checks ?? []).map((c) => ({
      id: c.id,
      label: c.label,
      result: c.result,
      sentence: { zh: maskIds(c.sentence.zh), en: maskIds(c.sentence.en) },
      ...(c.source ? { source: { typeName: c.source.typeName, number: maskIds(c.source.number) } } : {}),
    })),
  };
}

/**
 * A page of a job's rows through the screen's filters. Outcome, problem and "condition passed"
 * are answered by SQL over the plain columns (failed_checks lists the checks not passed);
 * "condition failed" and "could not check" need the sealed checks, so those rows are opened a
 * page at a time and counted as they go. `item`, the job's: the checks' labels come from its rules.
 */
export function filterRows(
  db: Database.Database,
  cipher: RecordCipher,
  job: string,
  item: CodecItem,
  f: RowFilter,
): BatchRowsView {
  const where = ['job_id = ?'];
  const args: Array<string | number> = [job];
  if (f.outcome) {
    where.push('outcome = ?');
    args.push(f.outcome);
  }
  if (f.problem) {
    where.push('problem = ?');
    args.push(f.problem);
  }
  if (f.rule) {
    const has = "instr(',' || failed_checks || ',', ',' || ? || ',') > 0";
    if (f.ruleResult === 'passed') where.push(`outcome != 'bad-input' AND NOT ${has}`);
    else where.push(has);
    args.push(f.rule);
  }
  const offset = f.offset ?? 0;
  const limit = Math.min(f.limit ?? 50, 200);
  const sql = `SELECT seq FROM batch_rows WHERE ${where.join(' AND ')} ORDER BY seq`;
  const refine = f.rule && (f.ruleResult === 'failed' || f.ruleResult === 'unknown') ? f.ruleResult : undefined;
  if (!refine) {
    const total = db
      .prepare(`SELECT count(*) FROM (${sql})`)
      .pluck()
      .get(...args) as number;
    const seqs = db
      .prepare(`${sql} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...args, limit, offset) as number[];
    return { total, rows: bySeq(db, cipher, job, item, seqs).map((r) => rowView(r)) };
  }
  const out: BatchRowView[] = [];
  let total = 0;
  const stmt = db.prepare(`${sql} LIMIT ? OFFSET ?`).pluck();
  for (let at = 0; ; at += PAGE) {
    const seqs = stmt.all(...args, PAGE, at) as number[];
    for (const r of bySeq(db, cipher, job, item, seqs)) {
      if (r.checks?.find((c) => c.id === f.rule)?.result !== refine) continue;
      if (total >= offset && out.length < limit) out.push(rowView(r));
      total++;
    }
    if (seqs.length < PAGE) break;
  }
  return { total, rows: out };
}

function bySeq(db: Database.Database, cipher: RecordCipher, job: string, item: CodecItem, seqs: number[]): StoredRow[] {
  if (seqs.length === 0) return [];
  // Consecutive in seq order: one range read, then keep those asked for.
  const want = new Set(seqs);
  const rows: StoredRow[] = [];
  const first = seqs[0]!;
  const last = seqs[seqs.length - 1]!;
  for (let at = 0; ; at += PAGE) {
    const page = listRows(db, cipher, job, { item, offset: at, limit: PAGE, fromSeq: first, toSeq: last });
    for (const r of page) if (want.has(r.seq)) rows.push(r);
    if (page.length < PAGE) return rows;
  }
}
