/**
 * The `n` full calendar months before `today` (YYYY-MM-DD), newest first, as YYYY-MM. The means
 * test's income window and the sandbox's economic records both count months this way, so the
 * records a source holds line up with the months a rule reads.
 */
export function monthsBefore(today: string, n: number): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}
