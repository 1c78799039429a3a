import { describe, expect, it } from 'vitest';
import { idCheckDigit, idNumberProblem, isCalendarDate, isStructuralRegion } from '../../../protocol/id-number';

/** A number with a correct check digit around the given first 17 digits. */
const withCheck = (first17: string) => first17 + idCheckDigit(first17)!;
const TODAY = '2026-12-01';

describe('calendar dates', () => {
  it('refuses days that do not exist and accepts leap days that do', () => {
    for (const d of [
      '2026-13-45',
      '9999-99-99',
      '2026-02-30',
      '2026-00-10',
      '2026-04-31',
      '2025-02-29',
      '1900-02-29',
      '0000-00-00',
    ])
      expect(isCalendarDate(d), d).toBe(false);
    for (const d of ['2026-02-28', '2024-02-29', '2000-02-29', '2035-12-31', '0099-01-01'])
      expect(isCalendarDate(d), d).toBe(true);
  });
});

describe('region codes (digits 1-6)', () => {
  it("accepts province, prefecture and county structure, and the permits' 810000/820000/830000", () => {
    for (const r of ['110102', '360426', '110902', '429004', '650102', '810000', '820000', '830000', '911156'])
      expect(isStructuralRegion(r), r).toBe(true);
    for (const r of ['000000', '990101', '100101', '110000', '110100', '117101', '810101', '900000', '12345'])
      expect(isStructuralRegion(r), r).toBe(false);
  });
});

describe('idNumberProblem', () => {
  it("names the issue's three impossible numbers, though their check digits are right", () => {
    expect(idNumberProblem('110102199902300016', TODAY)).toBe('birth'); // 1999-02-30
    expect(idNumberProblem('000000000000000001', TODAY)).toBe('region');
    expect(idNumberProblem('110102300001010015', TODAY)).toBe('birth_future'); // 3000-01-01
  });
  it('accepts real-looking numbers, lower-case x, and a birth date of today', () => {
    expect(idNumberProblem('360426199101010071', TODAY)).toBeUndefined();
    const x = ['11010219900307123', '11010219900307124', '11010219900307125']
      .map(withCheck)
      .find((n) => n.endsWith('X'));
    if (x) expect(idNumberProblem(x.toLowerCase(), TODAY)).toBeUndefined();
    expect(idNumberProblem(withCheck('11010220261201001'), TODAY)).toBeUndefined();
    expect(idNumberProblem(withCheck('11010220261202001'), TODAY)).toBe('birth_future');
  });
  it('checks shape and check digit first, and refuses births before 1880', () => {
    expect(idNumberProblem('11010219900307123', TODAY)).toBe('format');
    expect(idNumberProblem('360426199101010072', TODAY)).toBe('check');
    expect(idNumberProblem(withCheck('11010218791231001'), TODAY)).toBe('birth');
    expect(idNumberProblem(withCheck('11010219991301001'), TODAY)).toBe('birth');
  });
});
