import { randomBytes } from 'node:crypto';

/** mulberry32 from TEST_SEED or a fresh seed, printed so a failure can be replayed (TEST_SEED=…). */
export function seededRandom(label = 'outbox'): { random: () => number; seed: number } {
  const seed = process.env.TEST_SEED ? Number(process.env.TEST_SEED) : randomBytes(4).readUInt32LE(0);
  console.log(`[${label}] TEST_SEED=${seed}`);
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { random, seed };
}
