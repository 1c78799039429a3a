import type Database from 'better-sqlite3';
import type { RecordCipher } from '../crypto/cipher';
import type { CheckResult } from '../rules';
import { BatchError } from './errors';
import { parseSnapshot, type JobItem } from './job-item';
import type { ColumnMapping, InputProblem, RowInput } from './mapping';
import { decodeChecks, encodeChecks, type CodecItem } from './row-codec';

export type JobState = 'ready' | 'running' | 'paused' | 'cancelled' | 'done';
export type RowOutcome = 'passed' | 'failed' | 'unknown' | 'bad-input';

export interface BatchJob {
  id: string;
  itemCode: string;
  reason: string;
  clerkId: string;
  /** The imported file's path; sealed in the row, since a file name may carry a name. */
  source: string;
  mapping: ColumnMapping;
  state: JobState;
  total: number | null;
  createdAt: string;
}

export interface StoredRow {
  seq: number;
  outcome: RowOutcome;
  problem?: InputProblem;
  failedChecks: string[];
  input: RowInput;
  checks?: CheckResult[];
  /** The checks already encoded (encodeChecks against the same item), as the rules thread gives them. */
  encodedChecks?: string;
}

const aad = (job: string, seq: number | 'job', col: string) => `batch_rows/v1|${job}|${seq}|${col}`;

export function createJob(
  db: Database.Database,
  cipher: RecordCipher,
  j: Omit<BatchJob, 'state' | 'total' | 'createdAt'> & {
    /**
     * The item as the job starts with it (migration 019, job-item.ts): its rows, detail and reports
     * read with these labels for good (getJobItem). Without it the job reads with today's catalog.
     */
    item?: JobItem;
  },
): void {
  db.prepare(
    'INSERT INTO batch_jobs(id, item_code, reason, clerk_id, source, mapping, created_at, item) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    j.id,
    j.itemCode,
    j.reason,
    j.clerkId,
    cipher.seal(j.source, aad(j.id, 'job', 'source')),
    JSON.stringify(j.mapping),
    new Date().toISOString(),
    j.item ? JSON.stringify(j.item) : null,
  );
}

interface JobRow {
  id: string;
  item_code: string;
  reason: string;
  clerk_id: string;
  source: Buffer;
  mapping: string;
  state: JobState;
  total: number | null;
  created_at: string;
}

export function getJob(db: Database.Database, cipher: RecordCipher, id: string): BatchJob {
  const r = db
    .prepare(
      'SELECT id, item_code, reason, clerk_id, source, mapping, state, total, created_at FROM batch_jobs WHERE id = ?',
    )
    .get(id) as JobRow | undefined;
  if (!r) throw new BatchError('BATCH_NOT_FOUND', `There is no batch check "${id}"; refresh the list.`);
  return {
    id: r.id,
    itemCode: r.item_code,
    reason: r.reason,
    clerkId: r.clerk_id,
    source: cipher.open(r.source, aad(r.id, 'job', 'source')).toString('utf8'),
    mapping: JSON.parse(r.mapping) as ColumnMapping,
    state: r.state,
    total: r.total,
    createdAt: r.created_at,
  };
}

/**
 * The item the job started with (createJob), or undefined for a job from before migration 019.
 * Apart from getJob, which runs on every progress event: a school item's is ~9 KB of JSON.
 */
/** Only the names of the item the job started with (the job list shows them for every job), without reading the rest. */
export function getJobItemNames(db: Database.Database, id: string): JobItem['names'] | undefined {
  const text = db.prepare("SELECT json_extract(item, '$.names') FROM batch_jobs WHERE id = ?").pluck().get(id) as
    string | null | undefined;
  if (!text) return undefined;
  const names = JSON.parse(text) as Partial<JobItem['names']>;
  return typeof names.zh === 'string' && typeof names.en === 'string' ? { zh: names.zh, en: names.en } : undefined;
}

export function getJobItem(db: Database.Database, id: string): JobItem | undefined {
  const text = db.prepare('SELECT item FROM batch_jobs WHERE id = ?').pluck().get(id) as string | null | undefined;
  if (text === undefined) throw new BatchError('BATCH_NOT_FOUND', `There is no batch check "${id}"; refresh the list.`);
  return text === null ? undefined : parseSnapshot(text, id);
}

export function setJobState(db: Database.Database, id: string, state: JobState, total?: number): void {
  const finished = state === 'done' || state === 'cancelled' ? new Date().toISOString() : null;
  db.prepare('UPDATE batch_jobs SET state = ?, finished_at = ?, total = coalesce(?, total) WHERE id = ?').run(
    state,
    finished,
    total ?? null,
    id,
  );
}

/** The number of lines of a job's list, once counted (runner.ts counts it alongside the first run). */
export function setJobTotal(db: Database.Database, id: string, total: number): void {
  db.prepare('UPDATE batch_jobs SET total = ? WHERE id = ?').run(total, id);
}

/** The lines already recorded: a resumed run skips exactly these. */
export function doneSeqs(db: Database.Database, id: string): Set<number> {
  return new Set(db.prepare('SELECT seq FROM batch_rows WHERE job_id = ?').pluck().all(id) as number[]);
}

export function putRow(
  db: Database.Database,
  cipher: RecordCipher,
  job: string,
  item: CodecItem,
  row: StoredRow,
): void {
  rowWriter(db, cipher, job, item)(row);
}

/**
 * putRow with its statement prepared once: a run writes thousands of rows (preparing was ~5% of it).
 * `item`, the job's: the checks are stored without what its rules already say (row-codec.ts).
 */
export function rowWriter(
  db: Database.Database,
  cipher: RecordCipher,
  job: string,
  item: CodecItem,
): (row: StoredRow) => void {
  const insert = db.prepare(
    'INSERT INTO batch_rows(job_id, seq, outcome, problem, failed_checks, input, checks, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (row) =>
    insert.run(
      job,
      row.seq,
      row.outcome,
      row.problem ?? null,
      row.failedChecks.join(','),
      cipher.seal(JSON.stringify(row.input), aad(job, row.seq, 'input')),
      row.encodedChecks !== undefined || row.checks
        ? cipher.seal(row.encodedChecks ?? encodeChecks(row.checks!, item), aad(job, row.seq, 'checks'))
        : null,
      new Date().toISOString(),
    );
}

interface RowRow {
  seq: number;
  outcome: RowOutcome;
  problem: InputProblem | null;
  failed_checks: string;
  input: Buffer;
  checks: Buffer | null;
}

/**
 * A page of rows for the on-screen detail, optionally only one outcome. `item`, the job's: the
 * checks' kinds and labels come from its rules (row-codec.ts).
 */
export function listRows(
  db: Database.Database,
  cipher: RecordCipher,
  job: string,
  o: { item: CodecItem; outcome?: RowOutcome; offset?: number; limit?: number; fromSeq?: number; toSeq?: number },
): StoredRow[] {
  const range = o.fromSeq !== undefined && o.toSeq !== undefined;
  const rows = db
    .prepare(
      `SELECT * FROM batch_rows WHERE job_id = ? ${o.outcome ? 'AND outcome = ?' : ''} ${range ? 'AND seq BETWEEN ? AND ?' : ''} ORDER BY seq LIMIT ? OFFSET ?`,
    )
    .all(
      ...[
        job,
        ...(o.outcome ? [o.outcome] : []),
        ...(range ? [o.fromSeq!, o.toSeq!] : []),
        o.limit ?? 100,
        o.offset ?? 0,
      ],
    ) as RowRow[];
  return rows.map((r) => ({
    seq: r.seq,
    outcome: r.outcome,
    ...(r.problem ? { problem: r.problem } : {}),
    failedChecks: r.failed_checks ? r.failed_checks.split(',') : [],
    input: JSON.parse(cipher.open(r.input, aad(job, r.seq, 'input')).toString('utf8')) as RowInput,
    ...(r.checks
      ? { checks: decodeChecks(cipher.open(r.checks, aad(job, r.seq, 'checks')).toString('utf8'), o.item, r.seq) }
      : {}),
  }));
}

export function countRows(db: Database.Database, job: string): Record<RowOutcome, number> {
  const out: Record<RowOutcome, number> = { passed: 0, failed: 0, unknown: 0, 'bad-input': 0 };
  const rows = db
    .prepare('SELECT outcome, count(*) AS n FROM batch_rows WHERE job_id = ? GROUP BY outcome')
    .all(job) as Array<{
    outcome: RowOutcome;
    n: number;
  }>;
  for (const r of rows) out[r.outcome] = r.n;
  return out;
}
