/**
 * The seed of a random test: TEST_SEED when set (to replay a failure), else a fresh one. Either
 * way it is printed with the line that replays it, so a failure in CI can be run again as it was.
 */
export function testSeed(what: string): number {
  const given = process.env.TEST_SEED;
  if (given !== undefined && !/^\d+$/.test(given))
    throw new Error(`TEST_SEED must be a non-negative integer, got "${given}"`);
  const seed = given !== undefined ? Number(given) % 2 ** 31 : Math.floor(Math.random() * 2 ** 31);
  console.info(`${what}: seed ${seed} (replay with TEST_SEED=${seed})`);
  return seed;
}

/** Small seeded PRNG (mulberry32) so a fuzz run can be repeated from its printed seed. */
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

export function randInt(r: () => number, n: number): number {
  return Math.floor(r() * n);
}

export function randomBytes(r: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = randInt(r, 256);
  return out;
}

/** Splits bytes at random points into 1..n chunks. */
export function randomChunks(r: () => number, bytes: Uint8Array, maxChunk = 64): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length;) {
    const n = 1 + randInt(r, maxChunk);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}
