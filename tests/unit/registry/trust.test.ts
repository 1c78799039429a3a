import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { TrustStore } from '../../../electron/services/registry/trust';
import type { TrustedIssuer } from '../../../electron/services/registry/types';

const keys = [sm2.generateKeyPairHex().publicKey, sm2.generateKeyPairHex().publicKey];
const issuer = (code: string, publicKey = keys[0]!): TrustedIssuer => ({
  issuerCode: code,
  name: code,
  publicKey,
  validFrom: '2020-01-01',
  validTo: '2099-12-31',
});

/** `p`, or a failure if it has not settled within a second (a store that waited would hang here). */
function within<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('did not answer at once')), 1000)),
  ]);
}

/** A registry whose answers the test releases one at a time, with a clock the test moves. */
function setup(lists: (TrustedIssuer[] | Error)[]) {
  let clock = 0;
  const calls: { resolve: () => void; done: boolean }[] = [];
  const store = new TrustStore({
    ttlMs: 1000,
    maxStaleMs: 5000,
    minRefreshIntervalMs: 100,
    now: () => clock,
    load: () =>
      new Promise<TrustedIssuer[]>((resolve, reject) => {
        const next = lists.length > 1 ? lists.shift()! : lists[0]!;
        calls.push({ done: false, resolve: () => (next instanceof Error ? reject(next) : resolve(next)) });
      }),
  });
  const ticks = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
  };
  // Answers the request the store has made, then lets it finish (it yields once per key).
  const release = async () => {
    await ticks(3);
    const pending = calls.find((c) => !c.done);
    if (!pending) throw new Error('the store asked the registry nothing');
    pending.done = true;
    pending.resolve();
    await ticks(10);
  };
  return { store, calls, release, tick: (ms: number) => (clock += ms) };
}

describe('TrustStore', () => {
  it('loads once for concurrent callers and serves the list within the TTL without asking again', async () => {
    const t = setup([[issuer('A'), issuer('B', keys[1])]]);
    const a = t.store.get();
    const b = t.store.get();
    await t.release();
    expect([...(await a).keys()]).toEqual(['A', 'B']);
    expect(await b).toBe(await a);
    t.tick(999);
    await t.store.get();
    expect(t.calls).toHaveLength(1);
  });

  it('past the TTL answers at once from the old list and refreshes in the background', async () => {
    const t = setup([[issuer('A')], [issuer('A'), issuer('C', keys[1])]]);
    const first = t.store.get();
    await t.release();
    const old = await first;
    t.tick(1500);
    // Resolves although the refresh it started has not been answered.
    expect(await within(t.store.get())).toBe(old);
    expect(t.calls).toHaveLength(2);
    await t.release();
    expect([...(await t.store.get()).keys()]).toEqual(['A', 'C']);
    // The unchanged key keeps its precomputed verifier.
    expect((await t.store.get()).get('A')!.verifier).toBe(old.get('A')!.verifier);
  });

  it('past the stale limit waits for the new list', async () => {
    const t = setup([[issuer('A')], [issuer('D')]]);
    const first = t.store.get();
    await t.release();
    await first;
    t.tick(6000);
    let settled = false;
    const p = t.store.get().then((m) => ((settled = true), m));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    await t.release();
    expect([...(await p).keys()]).toEqual(['D']);
  });

  it('keeps the last good list when a refresh fails, and fails when there never was one', async () => {
    const t = setup([[issuer('A')], new Error('registry down')]);
    const first = t.store.get();
    await t.release();
    await first;
    t.tick(6000);
    const p = t.store.get();
    await t.release();
    expect([...(await p).keys()]).toEqual(['A']);

    const never = setup([new Error('registry down')]);
    const q = expect(never.store.get()).rejects.toThrow('registry down');
    await never.release();
    await q;
  });

  it('an unknown signer waits for a fresh list, at most once per refresh interval', async () => {
    const t = setup([[issuer('A')], [issuer('A'), issuer('N', keys[1])]]);
    const first = t.store.get();
    await t.release();
    await first;
    expect((await t.store.forSigner('N')).has('N')).toBe(false); // just fetched: no second fetch yet
    expect(t.calls).toHaveLength(1);
    t.tick(200);
    const p = t.store.forSigner('N');
    await t.release();
    expect((await p).has('N')).toBe(true);
  });

  it('with pinned keys, keeps only issuers whose key matches the pinned one', async () => {
    const refused: string[] = [];
    let answered = false;
    const store = new TrustStore({
      pinned: new Map([
        ['A', keys[0]!.toUpperCase()],
        ['B', keys[0]!],
      ]),
      onRefused: (i) => refused.push(i.issuerCode),
      load: async () => ((answered = true), [issuer('A'), issuer('B', keys[1]), issuer('C')]),
    });
    const m = await store.get();
    expect(answered).toBe(true);
    expect([...m.keys()]).toEqual(['A']);
    expect(refused).toEqual(['B', 'C']);
  });

  it('leaves out a key that is not on the curve, so its licenses stay unverified', async () => {
    const t = setup([[issuer('A'), issuer('BAD', '04' + '11'.repeat(64))]]);
    const p = t.store.get();
    await t.release();
    expect([...(await p).keys()]).toEqual(['A']);
  });
});
