import { maskIdNumber } from '../../../protocol/id-mask';
import { machineDay } from '../core/calendar';
import { malformedIds, readRow, type ColumnMapping } from './mapping';
import { readList } from './source';
import type { BatchPreviewView } from './view-types';

/** The first `n` lines read through the mapping exactly as the run will read them, ID numbers masked. */
export async function previewRows(path: string, m: ColumnMapping, n: number): Promise<BatchPreviewView['rows']> {
  const seen = new Set<string>();
  const today = machineDay(new Date());
  const out: BatchPreviewView['rows'] = [];
  for await (const r of readList(path)) {
    if ('header' in r) continue;
    const row = readRow(r.cells, m, seen, today);
    const { fatherIdNumber: father, motherIdNumber: mother } = row.input;
    out.push({
      line: r.line,
      name: row.input.name,
      idNumberMasked: maskIdNumber(row.input.idNumber),
      ...(father ? { fatherIdMasked: maskIdNumber(father) } : {}),
      ...(mother ? { motherIdMasked: maskIdNumber(mother) } : {}),
      ...(row.ok ? {} : { problem: row.problem }),
      ...(!row.ok && row.problem === 'id-malformed' ? { malformed: malformedIds(row.input, today) } : {}),
    });
    if (out.length >= n) break;
  }
  return out;
}
