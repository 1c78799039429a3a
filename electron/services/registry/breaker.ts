import { EventEmitter } from 'node:events';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive availability failures that open the circuit. */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe call is let through. */
  cooldownMs?: number;
  now?: () => number;
}

export interface BreakerEvents {
  state: [state: BreakerState, previous: BreakerState];
}

/**
 * Classic three-state breaker. Only "no answer" failures count (timeouts, resets, 5xx, garbage);
 * a refusal (401/400/404) proves the registry is up. In half-open exactly one probe runs; the
 * rest fail fast so a recovering registry is not stampeded.
 */
export class CircuitBreaker extends EventEmitter<BreakerEvents> {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probeInFlight = false;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(opts: BreakerOptions = {}) {
    super();
    this.threshold = opts.failureThreshold ?? 5;
    this.cooldownMs = opts.cooldownMs ?? 15_000;
    this.now = opts.now ?? Date.now;
  }

  state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.cooldownMs) this.set('half-open');
    return this.current;
  }

  /** Milliseconds until an open circuit lets a probe through (0 when not open). */
  retryInMs(): number {
    return this.state() === 'open' ? Math.max(0, this.cooldownMs - (this.now() - this.openedAt)) : 0;
  }

  /** Asks to send a call; false means fail fast. A true in half-open makes this call the probe. */
  tryAcquire(): boolean {
    const s = this.state();
    if (s === 'closed') return true;
    if (s === 'open' || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  success(): void {
    this.probeInFlight = false;
    this.failures = 0;
    if (this.current !== 'closed') this.set('closed');
  }

  failure(): void {
    this.probeInFlight = false;
    this.failures += 1;
    if (this.current === 'half-open' || (this.current === 'closed' && this.failures >= this.threshold)) {
      this.openedAt = this.now();
      this.set('open');
    }
  }

  /** A call that ended without telling us anything about availability (e.g. refused client-side). */
  release(): void {
    this.probeInFlight = false;
  }

  private set(next: BreakerState): void {
    const prev = this.current;
    if (prev === next) return;
    this.current = next;
    this.emit('state', next, prev);
  }
}
