import type { EventEmitter } from 'node:events';

/** Resolves with the first event whose args pass `pred`; rejects after `ms` with what was awaited. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- accepts emitters of any event map
type AnyEmitter = EventEmitter<any>;

export function waitForEvent<T extends unknown[]>(
  em: AnyEmitter,
  event: string,
  pred: (...a: T) => boolean = () => true,
  ms = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      em.off(event, on);
      reject(new Error(`timed out after ${ms} ms waiting for "${event}"`));
    }, ms);
    const on = (...a: T) => {
      if (!pred(...a)) return;
      clearTimeout(timer);
      em.off(event, on);
      resolve(a);
    };
    em.on(event, on);
  });
}

export const silentLogger = { info: () => undefined, warn: () => undefined };
