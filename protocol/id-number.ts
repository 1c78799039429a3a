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
