import { idCheckDigit, isValidIdNumber } from '../../protocol/id-number';

/**
 * Readers in keyboard mode "type" the ID number followed by Enter. This checks what arrived
 * before anything is looked up; the renderer owns the key capture itself.
 */
export type KeyboardIdResult =
  | { ok: true; number: string }
  | { ok: false; code: 'EMPTY' | 'BAD_FORMAT' | 'BAD_CHECK_DIGIT'; message: string; expected?: string };

export function parseKeyboardIdInput(raw: string): KeyboardIdResult {
  // Keyboard wedges can add stray whitespace or a lower-case x, and some send full-width digits.
  const v = raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\r\n]/g, '')
    .toUpperCase()
    .replace(/Ｘ/g, 'X');
  if (v === '')
    return { ok: false, code: 'EMPTY', message: 'No ID number was typed; place the card on the reader again.' };
  if (!/^\d{17}[\dX]$/.test(v)) {
    return {
      ok: false,
      code: 'BAD_FORMAT',
      message:
        'An ID number has 17 digits and a final digit or X; check the reader is in ID-number mode and try again.',
    };
  }
  if (!isValidIdNumber(v)) {
    return {
      ok: false,
      code: 'BAD_CHECK_DIGIT',
      message:
        'The ID number fails its check digit; it was mistyped or misread. Read the card again or type it carefully.',
      expected: idCheckDigit(v.slice(0, 17)),
    };
  }
  return { ok: true, number: v };
}
