import type { Card, CardWarning } from '../card';
import { idNumberBirth, idNumberSex, isValidIdNumber } from '../../../protocol/id-number';

export const LONG_TERM_TEXT = '长期';

/** 'YYYYMMDD' -> 'YYYY-MM-DD' when it is a real calendar date. */
export function normaliseDate(raw: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** The counter's local calendar date; expiry is judged by the date printed on the card. */
export function localDate(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Cross-field checks; everything here is a warning, never a refusal, the clerk decides. */
export function validateCard(card: Card, now: Date): CardWarning[] {
  const w: CardWarning[] = [];
  const today = localDate(now);
  if (card.name.trim() === '')
    w.push({ code: 'EMPTY_NAME', message: 'The card holds no name; read it again or check the card.' });
  if (ISO.test(card.validTo) && card.validTo < today) {
    w.push({
      code: 'EXPIRED',
      message: `The document expired on ${card.validTo}; ask for a valid document before proceeding.`,
    });
  }
  if (ISO.test(card.validFrom) && card.validFrom > today) {
    w.push({
      code: 'NOT_YET_VALID',
      message: `The document is valid only from ${card.validFrom}; check the date with the holder.`,
    });
  }
  if (card.kind === 'foreign_2017') {
    if (!/^[A-Z]{3}\d{12}$/.test(card.number)) {
      w.push({
        code: 'BAD_NUMBER_FORMAT',
        message: 'The card number is not 3 letters and 12 digits; read the card again.',
      });
    }
    return w;
  }
  if (!/^\d{17}[\dX]$/.test(card.number)) {
    w.push({
      code: 'BAD_NUMBER_FORMAT',
      message: 'The number is not 17 digits and a check character; read the card again.',
    });
    return w;
  }
  if (!isValidIdNumber(card.number)) {
    w.push({
      code: 'BAD_CHECK_DIGIT',
      message: 'The number fails its check digit; the card may be damaged or forged. Verify it by hand.',
    });
  }
  // Resident, HMT permit and (as far as public notices say) the 2023 foreign card all carry the
  // birth date in digits 7-14.
  const b = idNumberBirth(card.number);
  if (b && ISO.test(card.birth) && b !== card.birth) {
    w.push({
      code: 'BIRTH_MISMATCH',
      message: 'The birth date differs from the one in the number; verify the card by hand.',
    });
  }
  const s = idNumberSex(card.number);
  if (s && (card.sex.code === '1' || card.sex.code === '2') && s !== card.sex.code) {
    w.push({
      code: 'SEX_MISMATCH',
      message: 'The sex differs from the one encoded in the number; verify the card by hand.',
    });
  }
  return w;
}
