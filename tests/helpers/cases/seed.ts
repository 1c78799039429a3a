/** A seed from TEST_SEED (to replay a failure) or a fresh one; the caller prints it. */
export function testSeed(env: NodeJS.ProcessEnv = process.env): number {
  const s = env.TEST_SEED?.trim();
  if (s) {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
      throw new RangeError(`TEST_SEED must be an integer 0..4294967295, got "${s}"`);
    return n;
  }
  return Math.floor(Math.random() * 0x100000000);
}

/** mulberry32: small, fast, good enough to spread kill points; returns floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
