/** Failures allowed before any delay; after that each failure doubles the wait. */
export const FREE_FAILURES = 5;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 15 * 60_000;

/** Wait imposed after the n-th consecutive failure: 0 up to 4, then 5 s, 10 s, 20 s … capped at 15 min. */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES));
}

/**
 * The terminal-wide counterpart of the per-account delay, so guessing across many account names
 * slows down too. Kept in memory: a restart costs an attacker at a real keyboard far more than it saves.
 */
export class FailureThrottle {
  private failures = 0;
  private nextAt = 0;
  private lastAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds to wait before the next attempt, 0 when allowed. */
  waitMs(): number {
    // A quiet quarter of an hour forgives earlier failures.
    if (this.failures && this.now() - this.lastAt > MAX_DELAY_MS) this.failures = 0;
    return Math.max(0, this.nextAt - this.now());
  }

  fail(): void {
    this.failures++;
    this.lastAt = this.now();
    this.nextAt = this.lastAt + delayAfter(this.failures);
  }

  succeed(): void {
    this.failures = 0;
    this.nextAt = 0;
  }
}

/**
 * Token bucket on every sign-in and unlock attempt (right or wrong), so a script cannot hammer the
 * password check (each costs ~32 MB of scrypt memory) even with valid names.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly capacity = 10,
    private readonly refillPerSec = 0.5,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.at = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.at) / 1000) * this.refillPerSec);
    this.at = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  reset(): void {
    this.tokens = this.capacity;
  }
}
