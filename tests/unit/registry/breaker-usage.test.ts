import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState } from '../../../electron/services/registry/breaker';
import { backoffDelay } from '../../../electron/services/registry/backoff';
import { RegistryError } from '../../../electron/services/registry/errors';
import { assertUsage, missingUsageFields } from '../../../electron/services/registry/usage';

describe('circuit breaker', () => {
  it('opens after the threshold, half-opens after the cool-down with a single probe, and closes on success', () => {
    let t = 0;
    const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => t });
    const seen: BreakerState[] = [];
    b.on('state', (s) => seen.push(s));
    for (let i = 0; i < 3; i++) {
      expect(b.tryAcquire()).toBe(true);
      b.failure();
    }
    expect(b.state()).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    expect(b.retryInMs()).toBe(1000);
    t = 1000;
    expect(b.tryAcquire()).toBe(true); // the probe
    expect(b.tryAcquire()).toBe(false); // others fail fast while it runs
    b.failure();
    expect(b.state()).toBe('open');
    t = 2100;
    expect(b.tryAcquire()).toBe(true);
    b.success();
    expect(b.state()).toBe('closed');
    expect(seen).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('a success resets the consecutive-failure count', () => {
    const b = new CircuitBreaker({ failureThreshold: 2 });
    b.failure();
    b.success();
    b.failure();
    expect(b.state()).toBe('closed');
  });
});

describe('backoff', () => {
  it('is bounded by the capped exponential step', () => {
    expect(backoffDelay(0, 100, 1000, () => 0.999)).toBe(99);
    expect(backoffDelay(5, 100, 1000, () => 0.999)).toBe(999);
    expect(backoffDelay(3, 100, 1000, () => 0)).toBe(0);
  });
});

describe('usage elements', () => {
  const full = {
    organisation: '示范市政务服务中心',
    clerk: 'C001 王芳',
    itemName: '清洁能源户核验',
    itemCode: 'QJNY-01',
    caseNumber: 'A-1',
    reason: '办理核验',
  };

  it('accepts a complete context and names what is missing', () => {
    expect(() => assertUsage(full)).not.toThrow();
    expect(missingUsageFields({ ...full, clerk: ' ', reason: '' })).toEqual(['clerk', 'reason']);
    try {
      assertUsage({ ...full, caseNumber: '' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RegistryError);
      expect((e as RegistryError).code).toBe('USAGE_INCOMPLETE');
      expect((e as RegistryError).message).toMatch(/case number/);
    }
  });
});
