/** GB 11643 citizen ID numbers: region (6) + birth date (8) + sequence (3, odd = male) + MOD 11-2 check. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECKS = '10X98765432';

export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`ID number body must be 17 digits: ${first17}`);
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * WEIGHTS[i]!;
  return CHECKS[s % 11]!;
}

export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idCheckChar(id.slice(0, 17)) === id[17];
}

/** birth is YYYY-MM-DD; the sequence's last digit is forced to the sex parity. */
export function makeIdNumber(region: string, birth: string, seq: number, sex: '男' | '女'): string {
  let n = seq % 1000;
  if ((n % 2 === 1) !== (sex === '男')) n = n === 999 ? 998 : n + 1;
  const body = `${region}${birth.replace(/-/g, '')}${String(n).padStart(3, '0')}`;
  return body + idCheckChar(body);
}
