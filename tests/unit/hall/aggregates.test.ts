import { describe, expect, it } from 'vitest';
import { bucketBounds, bucketOf, quantile } from '../../../hall/histogram';
import { splitRange } from '../../../hall/range';
import { rng, testSeed } from '../../helpers/rng';

describe('handling-time histogram', () => {
  it('buckets are 10 % wide from 1 s, and every time falls in its own bucket', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(999)).toBe(0);
    expect(bucketOf(1000)).toBe(1);
    expect(bucketOf(1e12)).toBe(200);
    for (const ms of [1000, 1500, 60_000, 600_000, 3_600_000]) {
      const [lo, hi] = bucketBounds(bucketOf(ms));
      expect(ms).toBeGreaterThanOrEqual(lo - 1e-6);
      expect(ms).toBeLessThan(hi + 1e-6);
      expect(hi / lo).toBeCloseTo(1.1);
    }
  });

  it('a median and p90 read from it are within 10 % of the exact ones (seeded)', () => {
    const r = rng(testSeed('hall histogram'));
    for (let round = 0; round < 20; round++) {
      const n = 50 + Math.floor(r() * 2000);
      // Skewed, as handling times are: most cases a few minutes, some an hour.
      const times = Array.from({ length: n }, () => Math.round(60_000 * Math.exp(r() * 4)));
      const h = new Map<number, number>();
      for (const t of times) h.set(bucketOf(t), (h.get(bucketOf(t)) ?? 0) + 1);
      const sorted = [...times].sort((a, b) => a - b);
      for (const p of [0.5, 0.9]) {
        const exact = sorted[Math.min(n - 1, Math.ceil(p * n) - 1)]!;
        expect(Math.abs(quantile(h, p) - exact) / exact, `p${p * 100} of ${n}`).toBeLessThan(0.1);
      }
    }
    expect(quantile(new Map(), 0.9)).toBe(0);
  });
});

describe('splitRange', () => {
  it('whole months go to the month tables, the ends to the day tables', () => {
    expect(splitRange('2026-06-01', '2026-06-30')).toEqual({ days: [], months: ['2026-06-01', '2026-06-01'] });
    expect(splitRange('2026-06-15', '2026-06-15')).toEqual({ days: [['2026-06-15', '2026-06-15']], months: null });
    expect(splitRange('2026-01-01', '2026-12-31')).toEqual({ days: [], months: ['2026-01-01', '2026-12-01'] });
    expect(splitRange('2026-01-20', '2026-03-05')).toEqual({
      days: [
        ['2026-01-20', '2026-01-31'],
        ['2026-03-01', '2026-03-05'],
      ],
      months: ['2026-02-01', '2026-02-01'],
    });
    expect(splitRange('2026-02-10', '2026-03-09')).toEqual({ days: [['2026-02-10', '2026-03-09']], months: null });
    expect(splitRange('2028-02-01', '2028-02-29')).toEqual({ days: [], months: ['2028-02-01', '2028-02-01'] });
    expect(splitRange('2026-05-02', '2026-05-01')).toEqual({ days: [], months: null });
  });

  it('covers every day of a random range exactly once (seeded)', () => {
    const r = rng(testSeed('hall split range'));
    const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 200; i++) {
      const a = Math.floor(r() * 700);
      const b = a + Math.floor(r() * 400);
      const { days, months } = splitRange(day(a), day(b));
      const seen: string[] = [];
      for (const [f, t] of days) for (let d = a; d <= b; d++) if (day(d) >= f && day(d) <= t) seen.push(day(d));
      if (months)
        for (let d = a; d <= b; d++)
          if (`${day(d).slice(0, 7)}-01` >= months[0] && `${day(d).slice(0, 7)}-01` <= months[1]) seen.push(day(d));
      expect(seen.sort(), `${day(a)}..${day(b)}`).toEqual(Array.from({ length: b - a + 1 }, (_, k) => day(a + k)));
    }
  });
});
