/**
 * A committed WebAssembly module compiled and instantiated once per isolate, synchronously (the
 * modules are a few KB: well under a millisecond). Where WebAssembly is missing (`node --jitless`)
 * or the module is refused, `exports` is null and `error` says why, so the caller falls back to its
 * JavaScript path instead of failing at import.
 */
export function instantiateWasm<T>(base64: string): { exports: T | null; error: string | null } {
  try {
    const module = new WebAssembly.Module(Buffer.from(base64, 'base64'));
    return { exports: new WebAssembly.Instance(module, {}).exports as unknown as T, error: null };
  } catch (err) {
    return { exports: null, error: err instanceof Error ? err.message : String(err) };
  }
}
