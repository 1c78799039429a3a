import { excel } from '../core/exceljs';

/** Any statistics table as an XLSX workbook (one sheet, a bold header row), for the supervisor's export. */
export async function tableToXlsx(
  sheetName: string,
  columns: { key: string; header: string }[],
  rows: Record<string, unknown>[],
): Promise<Buffer> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  ws.columns = columns.map((c) => ({ key: c.key, header: c.header, width: Math.max(10, c.header.length + 4) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
