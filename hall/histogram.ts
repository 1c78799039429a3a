/**
 * Handling times as a histogram: bucket 0 is under 1 s, bucket b ≥ 1 holds [1 s·1.1^(b−1), 1 s·1.1^b),
 * capped at bucket 200 (~5 days). A percentile read from it (with linear interpolation inside the
 * bucket) is within 10 % of the exact one, and a month's p90 costs a few thousand small rows, not a
 * sort of the month's cases. `hall/db/migrations/004-stat-day.ts` and `hall/generate.ts` spell the
 * same formula in SQL.
 */
export const MAX_BUCKET = 200;
const RATIO = 1.1;

export function bucketOf(ms: number): number {
  if (!(ms >= 1000)) return 0;
  return Math.min(MAX_BUCKET, 1 + Math.floor(Math.log(ms / 1000) / Math.log(RATIO)));
}

export function bucketBounds(b: number): [number, number] {
  if (b <= 0) return [0, 1000];
  return [1000 * RATIO ** (b - 1), 1000 * RATIO ** b];
}

/** The p-quantile (0…1) of a histogram given as bucket → count; 0 when empty. */
export function quantile(hist: ReadonlyMap<number, number>, p: number): number {
  const buckets = [...hist].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return 0;
  const rank = p * total;
  let seen = 0;
  for (const [b, n] of buckets) {
    if (seen + n >= rank) {
      const [lo, hi] = bucketBounds(b);
      return lo + ((rank - seen) / n) * (hi - lo);
    }
    seen += n;
  }
  return bucketBounds(buckets[buckets.length - 1]![0])[1];
}
