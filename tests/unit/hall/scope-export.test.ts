import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableToXlsx } from '../../../electron/services/hall/export';
import { hallToday, scopeStats } from '../../../electron/services/hall/scope';

describe('hall statistics scope', () => {
  const now = Date.parse('2026-12-01T17:30:00Z'); // 01:30 on 2 December in the hall (UTC+8)
  it('a clerk gets only their own numbers for today, whatever was asked', () => {
    expect(hallToday(now)).toBe('2026-12-02');
    expect(
      scopeStats({ userId: 'k1', roles: ['clerk'] }, { from: '2026-01-01', to: '2026-12-31', by: 'window' }, now),
    ).toEqual({
      from: '2026-12-02',
      to: '2026-12-02',
      by: 'window',
      clerk: 'k1',
    });
  });
  it('a supervisor gets the hall as asked', () => {
    const ask = { from: '2026-11-01', to: '2026-11-30', by: 'day' as const };
    expect(scopeStats({ userId: 's1', roles: ['clerk', 'supervisor'] }, ask, now)).toEqual(ask);
  });
});

describe('XLSX export', () => {
  it('writes a workbook exceljs reads back, header first', async () => {
    const buf = await tableToXlsx(
      '按窗口 per window',
      [
        { key: 'key', header: '窗口' },
        { key: 'accepted', header: '受理' },
      ],
      [
        { key: 'W1', accepted: 12 },
        { key: 'W2', accepted: 7 },
      ],
    );
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer); // exceljs types predate Node 20 Buffer generics
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '窗口', '受理']);
    expect(ws.getRow(3).values).toEqual([undefined, 'W2', 7]);
    expect(ws.rowCount).toBe(3);
  });
});
