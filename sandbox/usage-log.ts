import type { UsageContext } from '../protocol/registry-types';

/** What the registry records about every call: who used whose data, for what (docs/e-licenses.md). */
export interface UsageRecord extends UsageContext {
  at: string;
  appKey: string;
  method: string;
  path: string;
  status: number;
  holderCode?: string;
  identifier?: string;
  /**
   * The caller's row key (a batch line's person): the batch endpoint's `keys`, or X-Row-Key on a
   * per-person search or get. One record per (app, case, key) whichever endpoint answered.
   */
  key?: string;
  /** The license types a search asked for (the means test asks one economic source at a time). */
  types?: string;
  /**
   * The caller's request id (header x-request-id), the same on every retry of one call: a retry
   * after a timeout whose first try did reach the registry is one use, not two.
   */
  requestId?: string;
}

/** Ring buffer: the sandbox may run for days in training mode, so the log is bounded. */
export class UsageLog {
  private readonly items: UsageRecord[] = [];
  private start = 0;
  /** Request ids already recorded (per app, holder and license), bounded like the log. */
  private readonly requests = new Set<string>();

  constructor(private readonly capacity = 100_000) {}

  add(r: UsageRecord): void {
    if (r.requestId) {
      const once = `${r.appKey}|${r.requestId}|${r.holderCode ?? ''}|${r.identifier ?? ''}|${r.key ?? ''}`;
      if (this.requests.has(once)) return;
      if (this.requests.size >= this.capacity) this.requests.delete(this.requests.values().next().value!);
      this.requests.add(once);
    }
    if (this.items.length < this.capacity) this.items.push(r);
    else {
      this.items[this.start] = r;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  all(): UsageRecord[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }

  forHolder(holderCode: string): UsageRecord[] {
    return this.all().filter((r) => r.holderCode === holderCode);
  }
}
