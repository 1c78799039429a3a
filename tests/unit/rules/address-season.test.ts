import { describe, expect, it } from 'vitest';
import { normaliseAddress, sameAddress } from '../../../electron/services/rules/address';
import { ageOn, dayTurning, parseDay } from '../../../electron/services/rules/dates';
import { seasonFor } from '../../../electron/services/rules/season';

describe('address normalisation', () => {
  it('treats full-width digits, spaces and 號 as their plain forms', () => {
    expect(normaliseAddress('示范市 青山区柳河镇东庄村１８號')).toBe('示范市青山区柳河镇东庄村18号');
    expect(sameAddress('示范市青山区　柳河镇东庄村18号', '示范市青山区柳河镇东庄村１８号')).toBe(true);
    expect(sameAddress('白云社区3号楼2单元301室', '白云社区３号楼２单元３０１室。')).toBe(true);
  });
  it('keeps different house numbers apart and never matches empty addresses', () => {
    expect(sameAddress('东庄村18号', '东庄村19号')).toBe(false);
    expect(sameAddress('东庄村18号', '东庄村18号附1号')).toBe(false);
    expect(sameAddress('', '  ')).toBe(false);
  });
});

describe('heating season 11-01..03-31', () => {
  const season = (y: number, m: number, d: number) => seasonFor(new Date(y, m - 1, d, 12), '11-01', '03-31');
  it('31 Oct is between seasons and counts for the coming one', () => {
    expect(season(2025, 10, 31)).toEqual({ start: '2025-11-01', end: '2026-03-31', current: false });
  });
  it('1 Nov starts the season that runs into next year', () => {
    expect(season(2025, 11, 1)).toEqual({ start: '2025-11-01', end: '2026-03-31', current: true });
    expect(season(2025, 12, 31)).toEqual({ start: '2025-11-01', end: '2026-03-31', current: true });
  });
  it('1 Jan and 31 Mar still belong to the season that began last year', () => {
    expect(season(2026, 1, 1)).toEqual({ start: '2025-11-01', end: '2026-03-31', current: true });
    expect(season(2026, 3, 31)).toEqual({ start: '2025-11-01', end: '2026-03-31', current: true });
  });
  it('1 Apr is between seasons and counts for the next winter', () => {
    expect(season(2026, 4, 1)).toEqual({ start: '2026-11-01', end: '2027-03-31', current: false });
  });
  it('29 Feb of a leap year is inside the season', () => {
    expect(season(2024, 2, 29)).toEqual({ start: '2023-11-01', end: '2024-03-31', current: true });
  });
  it('a season ending 02-29 ends on 02-28 in common years', () => {
    expect(seasonFor(new Date(2025, 2, 1), '11-01', '02-29')).toEqual({
      start: '2025-11-01',
      end: '2026-02-28',
      current: false,
    });
    expect(seasonFor(new Date(2024, 1, 29), '11-01', '02-29')).toEqual({
      start: '2023-11-01',
      end: '2024-02-29',
      current: true,
    });
    expect(seasonFor(new Date(2025, 1, 28), '11-01', '02-29')).toEqual({
      start: '2024-11-01',
      end: '2025-02-28',
      current: true,
    });
  });
  it('handles a season inside one calendar year', () => {
    expect(seasonFor(new Date(2025, 5, 15), '06-01', '08-31')).toEqual({
      start: '2025-06-01',
      end: '2025-08-31',
      current: true,
    });
    expect(seasonFor(new Date(2025, 8, 1), '06-01', '08-31')).toEqual({
      start: '2026-06-01',
      end: '2026-08-31',
      current: false,
    });
    expect(seasonFor(new Date(2025, 0, 1), '06-01', '08-31')).toEqual({
      start: '2025-06-01',
      end: '2025-08-31',
      current: false,
    });
  });
});

describe('dates', () => {
  it('counts whole years, birthday inclusive', () => {
    expect(ageOn('1965-11-20', '2025-11-19')).toBe(59);
    expect(ageOn('1965-11-20', '2025-11-20')).toBe(60);
  });
  it('a 29 Feb birthday is 1 Mar in common years', () => {
    expect(ageOn('1964-02-29', '2024-02-29')).toBe(60);
    expect(ageOn('1965-02-28', '2025-02-28')).toBe(60);
    expect(ageOn('1964-02-29', '2023-02-28')).toBe(58);
    expect(ageOn('1964-02-29', '2023-03-01')).toBe(59);
    expect(dayTurning('1964-02-29', 61)).toBe('2025-03-01');
    expect(dayTurning('1964-02-29', 60)).toBe('2024-02-29');
  });
  it('parses only real days', () => {
    expect(parseDay('20250230')).toBeUndefined();
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('20350101')).toBe('2035-01-01');
    expect(parseDay('长期')).toBeUndefined();
  });
});
