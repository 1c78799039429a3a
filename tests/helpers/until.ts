/**
 * The one polling wait of the test helpers: calls `fn` every `stepMs` until it returns something
 * truthy, and resolves with that; after `timeoutMs` it rejects naming `what` was awaited. A throw
 * from `fn` (a daemon that exited) ends the wait at once with that error.
 * Argument order everywhere: what is awaited, then how to tell, then the limits.
 */
export async function until<T>(
  what: string,
  fn: () => T | Promise<T>,
  o: { timeoutMs?: number; stepMs?: number } = {},
): Promise<Exclude<Awaited<T>, false | null | undefined | 0 | ''>> {
  const timeoutMs = o.timeoutMs ?? 20_000;
  const stepMs = o.stepMs ?? 20;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as Exclude<Awaited<T>, false | null | undefined | 0 | ''>;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
