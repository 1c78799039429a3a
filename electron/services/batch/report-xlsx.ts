import type Database from 'better-sqlite3';
import { machineDay } from '../core/calendar';
import { excel } from '../core/exceljs';
import { maskIdNumber } from '../../../protocol/id-mask';
import type { RecordCipher } from '../crypto/cipher';
import type { JobItem } from './job-item';
import { pages, problemZh, ruleTally } from './report-tally';
import { countRows } from './store';

const RESULT = { passed: '通过', failed: '不通过', unknown: '无法核验' } as const;

/** A sentence or license number may carry an ID number (a resident ID card's number is one): mask any. */
const maskIds = (s: string) => s.replace(/\d{17}[\dXx]/g, (m) => maskIdNumber(m));

/** Whose number a cell or a condition is about; the applicant of an item with parents is a child. */
const WHOSE = { father: '父亲', mother: '母亲' } as const;

/** Sheet names: Excel allows 31 characters and none of []:*?/\ . */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/**
 * The batch report as XLSX, streamed to `path`: a summary (counts, failures by condition), one
 * sheet per condition (each row's result, the sentence and the license relied on), and the rows
 * with bad input. ID numbers are masked and no license content beyond its name and number is
 * written: the sheet goes to people who need the verdicts, not the data behind them. `item`, the
 * job's as it started (job-item.ts): the conditions carry the labels the job was checked under.
 */
export async function writeBatchXlsx(
  db: Database.Database,
  cipher: RecordCipher,
  job: string,
  item: JobItem,
  path: string,
): Promise<void> {
  const parents = (item.listColumns ?? []).length > 0;
  const applicant = parents ? '儿童' : '申请人';
  const ExcelJS = await excel();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const rules = item.rules;
  const counts = countRows(db, job);
  const byRule = ruleTally(db, cipher, job, item);
  const subjectOf = (r: (typeof rules)[number]) => (r.kind === 'expr' ? r.subject : undefined);

  const sum = wb.addWorksheet('汇总');
  sum.columns = [{ width: 34 }, { width: 12 }, { width: 12 }, { width: 10 }];
  sum.addRow([`批量核验 ${job}`, item.names.zh]).font = { bold: true };
  sum.addRow(['通过', counts.passed]).commit();
  sum.addRow(['不通过', counts.failed]).commit();
  sum.addRow(['无法核验', counts.unknown]).commit();
  sum.addRow(['输入有误（未核验）', counts['bad-input']]).commit();
  sum.addRow([]).commit();
  sum.addRow(['条件', '不通过', '无法核验', '核验对象']).font = { bold: true };
  for (const r of rules) {
    const b = byRule.get(r.id)!;
    const who = subjectOf(r);
    sum.addRow([r.label?.zh ?? r.id, b.failed, b.unknown, who ? WHOSE[who] : applicant]).commit();
  }
  sum.commit();

  for (const r of rules) {
    const ws = wb.addWorksheet(sheetName(r.label?.zh ?? r.id));
    // A condition about a parent is that parent's: the sheet names whose number was checked.
    const who = subjectOf(r);
    ws.columns = [
      { header: '行号', width: 8 },
      { header: parents ? `${applicant}姓名` : '姓名', width: 12 },
      { header: parents ? `${applicant}身份证号码` : '身份证号码', width: 22 },
      ...(who ? [{ header: `${WHOSE[who]}身份证号码`, width: 22 }] : []),
      { header: '结果', width: 10 },
      { header: '说明', width: 70 },
      { header: '所用证照', width: 24 },
      { header: '证照编号', width: 24 },
    ];
    for (const row of pages(db, cipher, job, item)) {
      const c = row.checks?.find((x) => x.id === r.id);
      if (!c) continue;
      const parent = who === 'father' ? row.input.fatherIdNumber : who === 'mother' ? row.input.motherIdNumber : '';
      ws.addRow([
        row.seq,
        row.input.name,
        maskIdNumber(row.input.idNumber),
        ...(who ? [parent ? maskIdNumber(parent) : '（未列出）'] : []),
        RESULT[c.result],
        maskIds(c.sentence.zh),
        c.source?.typeName ?? '',
        maskIds(c.source?.number ?? ''),
      ]).commit();
    }
    ws.commit();
  }

  const bad = wb.addWorksheet('输入有误');
  bad.columns = [
    { header: '行号', width: 8 },
    { header: parents ? `${applicant}姓名` : '姓名', width: 12 },
    { header: parents ? `${applicant}身份证号码（原样）` : '身份证号码（原样）', width: 24 },
    ...(parents
      ? [
          { header: '父亲身份证号码（原样）', width: 24 },
          { header: '母亲身份证号码（原样）', width: 24 },
        ]
      : []),
    { header: '问题', width: 24 },
  ];
  const today = machineDay(new Date());
  const masked = (v: string | undefined) => (v ? maskIdNumber(v) : '');
  for (const row of pages(db, cipher, job, item)) {
    if (!row.problem) continue;
    // A malformed number names whose it is (the child's, the father's or the mother's).
    const what = problemZh(row, parents, today);
    bad
      .addRow([
        row.seq,
        row.input.name,
        maskIdNumber(row.input.idNumber),
        ...(parents ? [masked(row.input.fatherIdNumber), masked(row.input.motherIdNumber)] : []),
        what,
      ])
      .commit();
  }
  bad.commit();
  await wb.commit();
}
