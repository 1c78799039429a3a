import { describe, expect, it } from 'vitest';
import { delayAfter, FailureThrottle, TokenBucket } from '../../../electron/services/accounts/throttle';

describe('sign-in throttling', () => {
  it('allows 4 failures freely, then doubles the wait up to 15 minutes', () => {
    expect([1, 2, 3, 4].map(delayAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7].map(delayAfter)).toEqual([5000, 10000, 20000]);
    expect(delayAfter(50)).toBe(15 * 60_000);
  });

  it('terminal throttle waits after the fifth failure and forgives after a quiet period', () => {
    let t = 0;
    const th = new FailureThrottle(() => t);
    for (let i = 0; i < 4; i++) th.fail();
    expect(th.waitMs()).toBe(0);
    th.fail();
    expect(th.waitMs()).toBe(5000);
    t += 5000;
    expect(th.waitMs()).toBe(0);
    th.fail();
    expect(th.waitMs()).toBe(10000);
    t += 16 * 60_000;
    expect(th.waitMs()).toBe(0);
    th.fail();
    expect(th.waitMs()).toBe(0);
  });

  it('token bucket limits bursts and refills over time', () => {
    let t = 0;
    const b = new TokenBucket(3, 1, () => t);
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
    t += 1000;
    expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
  });
});
