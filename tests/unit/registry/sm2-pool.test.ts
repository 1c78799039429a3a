import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createSm2Signer, createSm2Verifier, sm2PrivateKeyFromSeed } from '../../../protocol/sm2';
import { Sm2Pool, type PoolItem, type PoolReply } from '../../../electron/services/registry/sm2-pool';

const signers = ['pool-a', 'pool-b'].map((s) => createSm2Signer(sm2PrivateKeyFromSeed(s)));
const verifiers = signers.map((s) => createSm2Verifier(s.publicKey));

/** n checks over both keys: every third one tampered (another line's signature). */
function items(n: number): { items: PoolItem[]; expected: boolean[] } {
  const out: PoolItem[] = [];
  const expected: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 2;
    const text = `{"line":${i}}`;
    const sig = signers[k]!.sign(i % 3 === 2 ? `{"line":${i + 1}}` : text);
    out.push({ key: signers[k]!.publicKey, e: verifiers[k]!.digest(text), sig });
    expected.push(i % 3 !== 2);
  }
  return { items: out, expected };
}

describe('the SM2 verification pool', () => {
  const pools: Sm2Pool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it('gives each request its own verdicts, many requests in one turn, on a thread', async () => {
    const pool = new Sm2Pool(1);
    pools.push(pool);
    expect(pool.threads).toBe(1);
    const reqs = [items(30), items(1), items(45)];
    const got = await Promise.all(reqs.map((r) => pool.verify(r.items)));
    expect(got).toEqual(reqs.map((r) => r.expected));
    expect(await pool.verify([])).toEqual([]);
  });

  it('with no thread, verifies in this one', async () => {
    const pool = new Sm2Pool(0);
    pools.push(pool);
    const r = items(12);
    expect(pool.threads).toBe(0);
    expect(await pool.verify(r.items)).toEqual(r.expected);
  });

  it('a garbage key or signature is a false verdict, not a lost thread', async () => {
    const pool = new Sm2Pool(1);
    pools.push(pool);
    const r = items(3);
    const bad: PoolItem[] = [
      { key: '04' + '11'.repeat(64), e: r.items[0]!.e, sig: r.items[0]!.sig },
      { key: r.items[0]!.key, e: r.items[0]!.e, sig: 'zz' },
    ];
    expect(await pool.verify([...bad, ...r.items])).toEqual([false, false, ...r.expected]);
    expect(pool.threads).toBe(1);
  });

  it('work sent to a thread that dies is verified here instead: no verdict is lost', async () => {
    const pool = new Sm2Pool(1);
    pools.push(pool);
    const r = items(40);
    const pending = pool.verify(r.items);
    // Kill the thread while it holds the request (the message goes out on the next turn).
    await new Promise((res) => setImmediate(res));
    await (pool as unknown as { workers: Worker[] }).workers[0]!.terminate();
    expect(await pending).toEqual(r.expected);
    expect(pool.threads).toBe(0);
    expect(await pool.verify(r.items)).toEqual(r.expected);
  });

  // npm test builds before vitest runs; the app loads this file beside its main bundle.
  const built = resolve(__dirname, '../../../out/main/sm2-worker.js');
  it.skipIf(!existsSync(built))(
    'the built thread file answers (skipped when out/ is not built: run npm run build)',
    async () => {
      const w = new Worker(built);
      try {
        const r = items(6);
        const reply = await new Promise<PoolReply>((res, rej) => {
          w.once('message', res);
          w.once('error', rej);
          w.postMessage({ id: 7, items: r.items });
        });
        expect(reply).toEqual({ id: 7, results: r.expected });
      } finally {
        await w.terminate();
      }
    },
  );
  if (!existsSync(built)) console.info(`skipped: ${join('out', 'main', 'sm2-worker.js')} is not built (npm run build)`);
});
