import { idCheckDigit } from '../../protocol/id-number';

/** GB 11643 citizen ID numbers: region (6) + birth date (8) + sequence (3, odd = male) + MOD 11-2 check (protocol/id-number.ts). */

/** The check character for a generated body; a body that is not 17 digits is a generator bug. */
export function idCheckChar(first17: string): string {
  const c = idCheckDigit(first17);
  if (c === undefined) throw new RangeError(`ID number body must be 17 digits: ${first17}`);
  return c;
}

/** birth is YYYY-MM-DD; the sequence's last digit is forced to the sex parity. */
export function makeIdNumber(region: string, birth: string, seq: number, sex: '男' | '女'): string {
  let n = seq % 1000;
  if ((n % 2 === 1) !== (sex === '男')) n = n === 999 ? 998 : n + 1;
  const body = `${region}${birth.replace(/-/g, '')}${String(n).padStart(3, '0')}`;
  return body + idCheckChar(body);
}
