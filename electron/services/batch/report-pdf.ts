import type Database from 'better-sqlite3';
import { machineDay } from '../core/calendar';
import type { RecordCipher } from '../crypto/cipher';
import { renderCertificate, signCertificate, type CertificateData, type Fact, type HallKey } from '../certificates';
import type { JobItem } from './job-item';
import { problemTally, ruleTally } from './report-tally';

import { countRows, getJob } from './store';

export interface SummaryIssuer {
  hall: { id: string; name: string };
  counter: string;
  clerk: { id: string; name: string };
  training: boolean;
}

/**
 * The batch summary as certificate data: the counts, failures by condition and bad input by
 * problem. No person is on it (the holder is the batch itself), so it can go to whoever asked for
 * the check; the per-row verdicts are the XLSX's. `item`, the job's as it started (job-item.ts).
 */
export function summaryData(
  db: Database.Database,
  cipher: RecordCipher,
  jobId: string,
  item: JobItem,
  who: SummaryIssuer,
  issuedAt: Date,
): CertificateData {
  const job = getJob(db, cipher, jobId);
  const counts = countRows(db, jobId);
  const tally = ruleTally(db, cipher, jobId, item);
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  // With parents on the list, a malformed number is counted by whose it is.
  const parents = (item.listColumns ?? []).length > 0;
  const problems = problemTally(db, cipher, jobId, parents, machineDay(issuedAt));
  const facts: Fact[] = [
    { key: 'reason', label: '核验事由', labelEn: 'Reason', value: job.reason },
    { key: 'rows', label: '名单行数', labelEn: 'Rows', value: String(rows) },
    { key: 'passed', label: '通过', labelEn: 'Passed', value: String(counts.passed) },
    { key: 'failed', label: '不通过', labelEn: 'Failed', value: String(counts.failed) },
    { key: 'unknown', label: '无法核验', labelEn: 'Could not check', value: String(counts.unknown) },
    { key: 'badInput', label: '输入有误（未核验）', labelEn: 'Bad input', value: String(counts['bad-input']) },
    {
      key: 'byCondition',
      label: '按核验条件',
      labelEn: 'By condition',
      value: {
        columns: [
          { key: 'rule', label: '条件', labelEn: 'Condition', width: 3 },
          { key: 'failed', label: '不通过', labelEn: 'Failed' },
          { key: 'unknown', label: '无法核验', labelEn: 'Could not check' },
        ],
        rows: item.rules.map((r) => ({
          rule: r.label?.zh ?? r.id,
          failed: String(tally.get(r.id)?.failed ?? 0),
          unknown: String(tally.get(r.id)?.unknown ?? 0),
        })),
      },
    },
  ];
  if (problems.length > 0)
    facts.push({
      key: 'byProblem',
      label: '输入有误的原因',
      labelEn: 'Bad input by problem',
      value: {
        columns: [
          { key: 'problem', label: '问题', labelEn: 'Problem', width: 3 },
          { key: 'n', label: '行数', labelEn: 'Rows' },
        ],
        rows: problems.map((p) => ({ problem: p.problem, n: String(p.n) })),
      },
    });
  return {
    serial: jobId,
    itemCode: item.code,
    holder: { name: item.names.zh, idNumberMasked: `${rows} 行` },
    facts,
    result: `共核验 ${rows} 行：通过 ${counts.passed}，不通过 ${counts.failed}，无法核验 ${counts.unknown}，输入有误 ${counts['bad-input']}。`,
    hall: who.hall,
    counter: who.counter,
    clerk: who.clerk,
    issuedAt: new Date(Math.floor(issuedAt.getTime() / 1000) * 1000).toISOString(),
    training: who.training,
  };
}

/** The signed PDF summary: the certificate renderer and the hall key, so `npm run verify` checks it. */
export async function renderBatchSummaryPdf(
  db: Database.Database,
  cipher: RecordCipher,
  jobId: string,
  item: JobItem,
  who: SummaryIssuer,
  hallKey: HallKey,
  issuedAt = new Date(),
): Promise<Buffer> {
  const data = summaryData(db, cipher, jobId, item, who, issuedAt);
  return renderCertificate('batch-summary', data, { payload: signCertificate(data, hallKey) });
}
