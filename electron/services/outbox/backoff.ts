export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Delivery retries: first retry after ~1 s, doubling to 5 min, so a day-long outage costs ~300 tries. */
export const DELIVERY_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the step is fixed and half random. Unlike full
 * jitter it never retries at once, so a receiver that is down is not hammered, and the random half
 * keeps a hall's terminals from retrying in step after a shared outage.
 */
export function retryDelay(attempt: number, p: BackoffPolicy, random: () => number = Math.random): number {
  const step = Math.min(p.maxMs, p.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.floor(step / 2 + random() * (step / 2));
}
