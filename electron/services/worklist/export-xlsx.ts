import { excel } from '../core/exceljs';
import type Database from 'better-sqlite3';
import type { RecordCipher } from '../crypto';
import type { Programme } from './programmes';
import { listTasks, type WorklistRow } from './store';
import type { TaskState } from './types';
import { summaryOf, taskView } from './views';

export const STATE_ZH: Record<TaskState, string> = {
  'to-contact': '待联系',
  reached: '已联系',
  'not-reached': '未联系上',
  declined: '已谢绝',
  confirmed: '已确认',
  'output-made': '已办结待送达',
  delivered: '已送达',
};

/**
 * The worklist as XLSX (a summary sheet and the task list), built in memory: a worklist is a
 * station's, hundreds of rows, not a batch's hundred thousand. Masked ID numbers; the address
 * only for a programme whose staff visit; no license content beyond what the programme asked.
 */
export async function worklistXlsx(
  db: Database.Database,
  cipher: RecordCipher,
  w: WorklistRow,
  p: Programme | undefined,
): Promise<Buffer> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'counter-terminal';
  const s = summaryOf(db, w, p);
  const sum = wb.addWorksheet('汇总');
  sum.addRows([
    ['工单号', w.id],
    ['主动服务项目', s.programmeName.zh],
    ['区域代码', w.area],
    ['生成日期', w.as_of],
    ['人数', s.total],
    ...Object.entries(s.counts).map(([k, n]) => [STATE_ZH[k as TaskState], n]),
    ['完成进度', `${Math.round(s.progress * 100)}%`],
  ]);
  sum.getColumn(1).width = 16;
  sum.getColumn(2).width = 40;
  const sheet = wb.addWorksheet('任务');
  const visit = !!p?.visit;
  sheet.columns = [
    { header: '序号', key: 'seq', width: 6 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '身份证号', key: 'id', width: 22 },
    { header: '性别', key: 'sex', width: 6 },
    { header: '出生日期', key: 'birth', width: 12 },
    { header: '年满日期', key: 'turns', width: 12 },
    ...(visit ? [{ header: '住址（上门送达）', key: 'address', width: 40 }] : []),
    { header: '核查信息', key: 'facts', width: 20 },
    { header: '状态', key: 'state', width: 12 },
    { header: '负责人', key: 'assigned', width: 12 },
    { header: '办件号', key: 'case', width: 24 },
    { header: '证号/回执', key: 'output', width: 20 },
    { header: '送达人', key: 'by', width: 12 },
    { header: '送达时间', key: 'at', width: 20 },
    { header: '签收', key: 'signed', width: 6 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (let offset = 0; ; offset += 500) {
    const tasks = listTasks(db, cipher, w.id, { offset, limit: 500 });
    for (const t of tasks) {
      const v = taskView(db, cipher, t, p);
      sheet.addRow({
        seq: v.seq,
        name: v.name,
        id: v.idMasked,
        sex: v.sex ?? '',
        birth: v.birth ?? '',
        turns: v.turns ?? '',
        ...(visit ? { address: v.address ?? '' } : {}),
        facts: v.facts.map((f) => `${f.label.zh}：${f.value}`).join('；'),
        state: STATE_ZH[v.state],
        assigned: v.assignedTo ?? '',
        case: v.caseId ?? '',
        output: v.outputRef ?? '',
        by: v.deliveredBy ?? '',
        at: v.deliveredAt ?? '',
        signed: v.signed ? '是' : '',
      });
    }
    if (tasks.length < 500) break;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
