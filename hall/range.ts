/**
 * A day range split for the aggregate tables: the whole calendar months inside it (read from the
 * month tables) and the days left at either end (read from the day tables). 'YYYY-MM-DD' strings.
 */
export interface SplitRange {
  /** Up to two day spans, [from, to] inclusive. */
  days: [string, string][];
  /** First days of the first and last whole month, inclusive; null when none. */
  months: [string, string] | null;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (s: string) => new Date(`${s}T00:00:00Z`);

export function splitRange(from: string, to: string): SplitRange {
  if (from > to) return { days: [], months: null };
  const f = utc(from);
  const t = utc(to);
  // First month starting on or after `from`, and the first day after the last month ending by `to`.
  const firstMonth = f.getUTCDate() === 1 ? f : new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1));
  const afterTo = new Date(t.getTime() + 86_400_000);
  const endMonth = new Date(Date.UTC(afterTo.getUTCFullYear(), afterTo.getUTCMonth(), 1)); // exclusive
  if (firstMonth >= endMonth) return { days: [[from, to]], months: null };
  const days: [string, string][] = [];
  if (f < firstMonth) days.push([from, iso(new Date(firstMonth.getTime() - 86_400_000))]);
  if (endMonth <= t) days.push([iso(endMonth), to]);
  const lastMonth = new Date(Date.UTC(endMonth.getUTCFullYear(), endMonth.getUTCMonth() - 1, 1));
  return { days, months: [iso(firstMonth), iso(lastMonth)] };
}
