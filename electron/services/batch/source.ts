import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { excel } from '../core/exceljs';
import { BatchError } from './errors';

/** One line of the imported list as text cells; `line` is its 1-based position after the header. */
export interface SourceRow {
  line: number;
  cells: string[];
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    return '';
  }
  return String(v);
};

/**
 * CSV through csv-parse on a file stream: one record in memory at a time. Read 16 KB at a time,
 * not the stream's default 64 KB: the parser takes a whole read before the first record comes
 * out, and a run's first calls wait on its first lines (~25 ms for 64 KB of a school list).
 */
async function* csvRows(path: string): AsyncGenerator<string[]> {
  const parser = createReadStream(path, { highWaterMark: 16 * 1024 }).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
  );
  for await (const rec of parser) yield (rec as string[]).map(String);
}

/** XLSX through exceljs's streaming reader, first worksheet only; shared strings are resolved. */
async function* xlsxRows(path: string): AsyncGenerator<string[]> {
  const { stream } = await excel();
  const reader = new stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = (row as ExcelJS.Row).values as ExcelJS.CellValue[];
      // exceljs rows are 1-based: values[0] is always empty.
      const cells = values.slice(1).map((v) => cellText(v).trim());
      if (cells.some((c) => c !== '')) yield cells;
    }
    return;
  }
}

/** The header, then every data line, streamed from a CSV or XLSX file. */
export async function* readList(path: string): AsyncGenerator<{ header: string[] } | SourceRow> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx')
    throw new BatchError(
      'BATCH_FORMAT',
      `The list "${path}" is neither CSV nor XLSX; save it as .csv (UTF-8) or .xlsx and import it again.`,
      { ext },
    );
  let header: string[] | undefined;
  let line = 0;
  try {
    for await (const cells of ext === '.csv' ? csvRows(path) : xlsxRows(path)) {
      if (!header) {
        header = cells;
        yield { header };
      } else yield { line: ++line, cells };
    }
  } catch (e) {
    if (e instanceof BatchError) throw e;
    throw new BatchError(
      'BATCH_UNREADABLE',
      `The list could not be read after line ${line} (${(e as Error).message}); check that the file is a complete CSV or XLSX and import it again.`,
      { line },
    );
  }
  if (!header)
    throw new BatchError('BATCH_EMPTY', 'The list has no header line; the first line must name the columns.');
}

/** The header and the first `n` lines, for the column-mapping step; the stream stops there. */
export async function previewList(path: string, n = 10): Promise<{ header: string[]; rows: string[][] }> {
  let header: string[] = [];
  const rows: string[][] = [];
  for await (const r of readList(path)) {
    if ('header' in r) header = r.header;
    else rows.push(r.cells);
    if (rows.length >= n) break;
  }
  return { header, rows };
}
