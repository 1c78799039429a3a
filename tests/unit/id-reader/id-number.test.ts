import { describe, expect, it } from 'vitest';
import { idCheckDigit, idNumberBirth, idNumberSex, isValidIdNumber } from '../../../protocol/id-number';
import { parseKeyboardIdInput } from '../../../native/id-reader/keyboard';

describe('GB 11643 check digit', () => {
  it('accepts the worked example of docs/id-number.md, 360426199101010071', () => {
    expect(idCheckDigit('36042619910101007')).toBe('1');
    expect(isValidIdNumber('360426199101010071')).toBe(true);
  });
  it('maps every remainder to its check character, X included', () => {
    // Vary digit 17 (weight 2) over 0..9 from a base whose sum is known: covers 10 distinct remainders.
    const seen = new Set<string>();
    for (let d = 0; d < 10; d++) for (let e = 0; e < 10; e++) seen.add(idCheckDigit(`110101199001011${e}${d}`)!);
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });
  it('rejects wrong check digits, wrong lengths and letters', () => {
    expect(isValidIdNumber('360426199101010072')).toBe(false);
    expect(isValidIdNumber('36042619910101007')).toBe(false);
    expect(isValidIdNumber('36042619910101007A')).toBe(false);
    expect(idCheckDigit('abc')).toBeUndefined();
  });
  it('accepts a lower-case x', () => {
    const first = Array.from({ length: 1000 }, (_, i) => `1101011990010${String(i).padStart(4, '0')}`).find(
      (f) => idCheckDigit(f) === 'X',
    )!;
    expect(isValidIdNumber(`${first}x`)).toBe(true);
  });
  it('extracts birth date and sex', () => {
    expect(idNumberBirth('360426199101010071')).toBe('1991-01-01');
    expect(idNumberSex('360426199101010071')).toBe('1');
    expect(idNumberSex('110229196011230044')).toBe('2');
  });
});

describe('keyboard-mode input', () => {
  it('accepts a typed number with Enter, spaces and full-width digits', () => {
    expect(parseKeyboardIdInput('360426199101010071\r\n')).toEqual({ ok: true, number: '360426199101010071' });
    expect(parseKeyboardIdInput(' ３６０４２６１９９１０１０１００７１ ')).toEqual({
      ok: true,
      number: '360426199101010071',
    });
  });
  it('returns typed codes for empty, malformed and misread input', () => {
    expect(parseKeyboardIdInput('\r\n')).toMatchObject({ ok: false, code: 'EMPTY' });
    expect(parseKeyboardIdInput('36042619910101')).toMatchObject({ ok: false, code: 'BAD_FORMAT' });
    expect(parseKeyboardIdInput('360426199101010072')).toMatchObject({
      ok: false,
      code: 'BAD_CHECK_DIGIT',
      expected: '1',
    });
  });
});
