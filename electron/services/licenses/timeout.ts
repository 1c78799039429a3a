import { LicenseError } from './errors';

/**
 * Rejects with REGISTRY_TIMEOUT after `ms`. The Registry interface takes no AbortSignal, so the
 * request itself runs on; its late result is ignored (the client's own timeout bounds it).
 */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LicenseError({
            code: 'REGISTRY_TIMEOUT',
            message: `The registry did not answer ${what} within ${ms} ms; working from the local cache where possible.`,
            details: { timeoutMs: ms },
          }),
        ),
      ms,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
