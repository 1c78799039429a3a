/** Caps calls in flight; waiters are served first come, first served and may give up at a deadline. */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('concurrency must be a positive integer');
  }

  inFlight(): number {
    return this.active;
  }

  queued(): number {
    return this.waiters.length;
  }

  /** Resolves to a release function, or rejects with `onTimeout()` if no slot frees up in time. */
  acquire(timeoutMs: number, onTimeout: () => Error): Promise<() => void> {
    const release = (): void => {
      this.active -= 1;
      this.waiters.shift()?.();
    };
    if (this.active < this.max) {
      this.active += 1;
      return Promise.resolve(once(release));
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        clearTimeout(timer);
        this.active += 1;
        resolve(once(release));
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(onTimeout());
      }, timeoutMs);
      this.waiters.push(grant);
    });
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
