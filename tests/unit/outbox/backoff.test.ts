import { describe, expect, it } from 'vitest';
import { DELIVERY_BACKOFF, retryDelay } from '../../../electron/services/outbox';
import { rng, testSeed } from '../../helpers/rng';

describe('retryDelay', () => {
  const p = { baseMs: 100, maxMs: 10_000 };

  it('doubles per attempt between half and the whole step, and stops at the cap', () => {
    expect(retryDelay(0, p, () => 0)).toBe(50);
    expect(retryDelay(0, p, () => 0.999999)).toBe(99);
    expect(retryDelay(3, p, () => 0)).toBe(400);
    expect(retryDelay(20, p, () => 0)).toBe(5000);
    expect(retryDelay(20, p, () => 0.999999)).toBe(9999);
    expect(retryDelay(10_000, p, () => 0.5)).toBe(7500);
    expect(retryDelay(-1, p, () => 0)).toBe(50);
  });

  it('spreads retries: draws for one attempt are not all alike (seeded)', () => {
    const seed = testSeed('outbox backoff');
    const random = rng(seed);
    const xs = Array.from({ length: 500 }, () => retryDelay(6, p, random));
    for (const x of xs) expect(x, `seed ${seed}`).toBeGreaterThanOrEqual(3200);
    for (const x of xs) expect(x, `seed ${seed}`).toBeLessThan(6400);
    expect(new Set(xs).size, `seed ${seed}`).toBeGreaterThan(100);
  });

  it('production policy: first retry within 1 s, never more than 5 min apart', () => {
    expect(retryDelay(0, DELIVERY_BACKOFF, () => 0.999)).toBeLessThan(1000);
    expect(retryDelay(50, DELIVERY_BACKOFF, () => 0.999)).toBeLessThanOrEqual(300_000);
  });
});
