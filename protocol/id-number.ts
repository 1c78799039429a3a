/** GB 11643 citizen ID number check digit (ISO 7064 MOD 11-2), docs/id-number.md. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** Check character for the first 17 digits, or undefined when they are not 17 digits. */
export function idCheckDigit(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let s = 0;
  for (let i = 0; i < 17; i++) s += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[s % 11];
}

/** True for an 18-character number whose last character is its MOD 11-2 check (x accepted as X). */
export function isValidIdNumber(value: string): boolean {
  const v = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  return idCheckDigit(v.slice(0, 17)) === v[17];
}

/** Birth date 'YYYY-MM-DD' encoded in digits 7-14, if the number has that shape. */
export function idNumberBirth(value: string): string | undefined {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/i.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** GB/T 2261.1 sex code implied by digit 17 (odd male, even female). */
export function idNumberSex(value: string): '1' | '2' | undefined {
  const d = value.trim()[16];
  if (d === undefined || !/\d/.test(d)) return undefined;
  return Number(d) % 2 === 1 ? '1' : '2';
}

/** True when 'YYYY-MM-DD' names a day that exists on the calendar (no 2026-02-30, no month 13). */
export function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear keeps the year as typed.
  dt.setUTCFullYear(y);
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/**
 * Province-level prefixes of GB/T 2260 region codes (digits 1-2): the 31 mainland provinces,
 * Taiwan (71), and 81/82/83 used by the Hong Kong, Macao and Taiwan residents' residence permits.
 * Lower levels change with every redistricting, so only the structure below them is checked.
 */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/**
 * True when digits 1-6 are structurally a region code: a known province, and below it a
 * prefecture (01-70, or 90 for county-level units under the province) and a county (01-99), or
 * the all-zero lower levels the residence permits (810000, 820000, 830000) and Taiwan (710000) use.
 * The 2023 foreign permanent resident card (leading 9, then the issuing province) is also accepted.
 */
export function isStructuralRegion(first6: string): boolean {
  if (!/^\d{6}$/.test(first6)) return false;
  if (first6[0] === '9') return PROVINCES.has(first6.slice(1, 3)) && Number(first6.slice(1, 3)) < 70;
  const [p, c, k] = [first6.slice(0, 2), Number(first6.slice(2, 4)), Number(first6.slice(4, 6))];
  if (!PROVINCES.has(p)) return false;
  if (Number(p) >= 71) return c === 0 && k === 0;
  return ((c >= 1 && c <= 70) || c === 90) && k >= 1;
}

/** Earliest birth year accepted: the 18-digit number dates from 1999, for people then living. */
const EARLIEST_BIRTH = '1880-01-01';

export type IdNumberProblem = 'format' | 'check' | 'region' | 'birth' | 'birth_future';

/**
 * What is wrong with a typed citizen ID number, or undefined when it could be real: the shape,
 * the check digit, a structurally valid region, and a birth date that exists and is not after
 * `today` ('YYYY-MM-DD', the counter's local date).
 */
export function idNumberProblem(value: string, today: string): IdNumberProblem | undefined {
  const v = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return 'format';
  if (!isValidIdNumber(v)) return 'check';
  if (!isStructuralRegion(v.slice(0, 6))) return 'region';
  const birth = idNumberBirth(v)!;
  if (!isCalendarDate(birth) || birth < EARLIEST_BIRTH) return 'birth';
  if (birth > today) return 'birth_future';
  return undefined;
}
