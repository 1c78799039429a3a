import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { guessMapping, previewList, readList, readRow } from '../../../electron/services/batch';

const dir = mkdtempSync(join(tmpdir(), 'counter-batch-src-'));
const lines = async (p: string) => {
  const out: unknown[] = [];
  for await (const r of readList(p)) out.push(r);
  return out;
};

describe('batch list source', () => {
  it('streams a CSV with a BOM, quoted commas and a short line', async () => {
    const p = join(dir, 'a.csv');
    writeFileSync(p, '\uFEFF姓名,身份证号码,备注\n张三,11010519491231002X,"a, b"\n李四\n');
    expect(await lines(p)).toEqual([
      { header: ['姓名', '身份证号码', '备注'] },
      { line: 1, cells: ['张三', '11010519491231002X', 'a, b'] },
      { line: 2, cells: ['李四'] },
    ]);
    const pv = await previewList(p, 1);
    expect(pv.rows).toHaveLength(1);
    expect(guessMapping(pv.header)).toEqual({ name: 0, idNumber: 1 });
  });

  it('streams the first sheet of an XLSX; a number typed as a number loses digits and is then refused', async () => {
    const p = join(dir, 'a.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['ID number', 'Name']);
    ws.addRow(['11010519491231002X', '李秀英']);
    ws.addRow([Number('110101198001010053'), '王建国']); // as Excel holds a number typed into a cell
    await wb.xlsx.writeFile(p);
    const got = (await lines(p)) as Array<{ header?: string[]; cells?: string[] }>;
    expect(got[0]).toEqual({ header: ['ID number', 'Name'] });
    expect(got[1]).toEqual({ line: 1, cells: ['11010519491231002X', '李秀英'] });
    // 18 digits exceed a double's precision: Excel itself stores 110101198001010050 here.
    expect(got[2]!.cells![0]).not.toBe('110101198001010053');
    const m = { idNumber: 0, name: 1 };
    expect(readRow(got[2]!.cells!, m, new Set(), '2026-12-01')).toMatchObject({ ok: false, problem: 'id-malformed' });
  });

  it('refuses another format and an unreadable file with typed errors', async () => {
    const p = join(dir, 'a.txt');
    writeFileSync(p, 'x');
    await expect(lines(p)).rejects.toMatchObject({ code: 'BATCH_FORMAT', params: { ext: '.txt' } });
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, 'not a zip at all');
    await expect(lines(bad)).rejects.toMatchObject({ code: 'BATCH_UNREADABLE' });
  });

  it('lists a missing column, a malformed number and a duplicate, never drops them', () => {
    const m = { name: 0, idNumber: 1 };
    const seen = new Set<string>();
    const today = '2026-12-01';
    expect(readRow(['李秀英', '11010519491231002x'], m, seen, today)).toMatchObject({ ok: true });
    expect(readRow(['李秀英', '11010519491231002X'], m, seen, today)).toMatchObject({
      ok: false,
      problem: 'duplicate',
    });
    expect(readRow(['王', '110101198001010054'], m, seen, today)).toMatchObject({ ok: false, problem: 'id-malformed' });
    expect(readRow(['王'], m, seen, today)).toMatchObject({ ok: false, problem: 'missing-column' });
  });
});
