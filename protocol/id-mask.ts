/**
 * 110903********2053: the first 6 and last 4 characters, as counters print on slips. Enough to
 * tell household members apart, not enough to reuse the number. A string too short to keep
 * anything hidden (under 10 characters) is masked whole.
 */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length < 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}
