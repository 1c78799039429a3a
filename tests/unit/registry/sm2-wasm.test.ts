import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { n, p, Point, type P } from '../../../protocol/sm2-noble';
import { sm2WasmInternals as W, wasmTable } from '../../../protocol/sm2-wasm';
import { buildSm2Wasm } from '../../../protocol/wasm-build';
import { SM2_WASM_BASE64 } from '../../../protocol/sm2-wasm/module';
import { randInt, rng, testSeed } from '../../helpers/rng';

const root = resolve(__dirname, '../../..');
const R = 1n << 256n;
const mod = (x: bigint) => ((x % p) + p) % p;

describe('the SM2 WebAssembly module', () => {
  it('is committed as a fresh build of its source makes it (npm run sm2:wasm)', async () => {
    const built = await buildSm2Wasm();
    expect(Buffer.from(built.bytes).toString('base64')).toBe(SM2_WASM_BASE64);
    expect(readFileSync(join(root, 'protocol/sm2-wasm/module.ts'), 'utf8')).toBe(built.moduleTs);
    expect(readFileSync(join(root, 'protocol/sm2-wasm/sm2.wat'), 'utf8')).toBe(built.wat);
    // wabt is deterministic: a second build gives the same bytes.
    expect((await buildSm2Wasm()).bytes).toEqual(built.bytes);
  });

  it('falls back to noble where WebAssembly is missing (node --jitless), and still verifies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sm2-jitless-'));
    try {
      const script = join(dir, 'check.ts');
      writeFileSync(
        script,
        `import { createSm2Signer, createSm2Verifier, sm2PrivateKeyFromSeed } from ${JSON.stringify(join(root, 'protocol/sm2'))};
import { sm2Backend } from ${JSON.stringify(join(root, 'protocol/sm2-verify'))};
import { sm2WasmError } from ${JSON.stringify(join(root, 'protocol/sm2-wasm'))};
const s = createSm2Signer(sm2PrivateKeyFromSeed('jitless'));
const v = createSm2Verifier(s.publicKey);
const sig = s.sign('m');
console.log(JSON.stringify({ sm2Backend, sm2WasmError, ok: v.verify('m', sig), bad: v.verify('n', sig) }));
`,
      );
      const out = execFileSync(process.execPath, ['--jitless', '--import', 'tsx', script], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({
        sm2Backend: 'noble',
        sm2WasmError: 'WebAssembly is not defined',
        ok: true,
        bad: false,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The field operations against BigInt. Elements are in Montgomery form and fully reduced (< p):
 * the module never sees a value ≥ p (tables and v are reduced before they are loaded), so the
 * edges are 0, 1, p − 1 and values whose limbs are all 0 or 2³² − 1 (the longest carry chains),
 * and sums that overflow 2²⁵⁶.
 */
describe('the SM2 field in WebAssembly agrees with BigInt', () => {
  const seed = testSeed('sm2 wasm field');
  const r = rng(seed);
  const limb = () => {
    const k = randInt(r, 5);
    return k === 0 ? 0n : k === 1 ? 0xffffffffn : k === 2 ? 1n : k === 3 ? 0xfffffffen : BigInt(randInt(r, 2 ** 32));
  };
  const randomElement = () => {
    let x = 0n;
    const edgy = r() < 0.5;
    for (let i = 0; i < 8; i++) x = (x << 32n) | (edgy ? limb() : BigInt(randInt(r, 2 ** 32)));
    return x % p;
  };
  const edges = [0n, 1n, 2n, p - 1n, p - 2n, (p + 1n) / 2n, R - p, (R - p) * 2n, 1n << 255n, p >> 1n, 0xffffffffn];

  it('multiplies, adds and subtracts like BigInt mod p (edges and 2,000 seeded values)', () => {
    const values = [...edges];
    for (let i = 0; i < 2000; i++) values.push(randomElement());
    const Rinv = W.fromMont(1n);
    for (let i = 0; i < values.length; i++) {
      const a = values[i]!;
      for (const b of i < edges.length ? edges : [values[(i * 7 + 3) % values.length]!, randomElement()]) {
        const ctx = `a=${a.toString(16)} b=${b.toString(16)} (seed ${seed})`;
        expect(W.field('mul', a, b), ctx).toBe(mod(a * b * Rinv));
        expect(W.field('add', a, b), ctx).toBe(mod(a + b));
        expect(W.field('sub', a, b), ctx).toBe(mod(a - b));
      }
    }
    // Inversion (table building): a · a⁻¹ = 1 in Montgomery form; 0 has none and gives 0.
    for (const a of values.slice(0, 200).filter((x) => x !== 0n))
      expect(W.field('mul', a, W.field('inv', a)), `inv ${a.toString(16)} (seed ${seed})`).toBe(
        mod(W.toMont(1n) * W.toMont(1n) * Rinv * Rinv * R),
      );
    expect(W.field('inv', 0n)).toBe(0n);
    // Montgomery form round trip: 1·R, and R²·x is x·R.
    expect(W.field('mul', W.toMont(5n), W.toMont(7n))).toBe(W.toMont(35n));
    expect(W.field('mul', (R * R) % p, 3n)).toBe(W.toMont(3n));
  });
});

/** The mixed addition's special cases, which a hostile signature may steer the accumulator into. */
describe('SM2 point addition in WebAssembly', () => {
  const seed = testSeed('sm2 wasm points');
  const r = rng(seed);
  const scalar = () => 1n + ((BigInt(randInt(r, 2 ** 48)) * BigInt(randInt(r, 2 ** 48)) * 65537n) % (n - 1n));
  const same = (a: P | null, b: P | null) => (a === null || b === null ? a === b : a.equals(b));

  it("builds a key's table: window w holds j·2^(8w)·P for j = 1…128", () => {
    const P0 = Point.BASE.multiply(scalar());
    const table = wasmTable(P0);
    for (const [w, j] of [
      [0, 1],
      [0, 2],
      [0, 128],
      [1, 1],
      [32, 128],
      [16, 77],
      [randInt(r, 33), 1 + randInt(r, 128)],
    ])
      expect(
        W.tablePoint(table, w!, j!).equals(P0.multiply((BigInt(j!) << BigInt(8 * w!)) % n)),
        `w ${w} j ${j} (seed ${seed})`,
      ).toBe(true);
  });

  it('computes s·G + t·P and compares x(R) with either candidate, v or v + n', () => {
    const P0 = Point.BASE.multiply(scalar());
    const table = wasmTable(P0);
    for (let i = 0; i < 20; i++) {
      // Scalars of every size, including the top digit's carry (s close to n) and small ones.
      const s = i === 0 ? n - 1n : i === 1 ? 1n : (scalar() * BigInt(1 + randInt(r, 2 ** 20))) % n;
      const t = i === 2 ? n - 1n : i === 3 ? 2n : scalar();
      const x = Point.BASE.multiply(s).add(P0.multiply(t)).toAffine().x;
      const other = (x + 1n) % p;
      const ctx = `case ${i} (seed ${seed})`;
      expect(W.check(table, s, t, x, null), ctx).toBe(true);
      expect(W.check(table, s, t, other, x), ctx).toBe(true); // found as the second candidate
      expect(W.check(table, s, t, other, null), ctx).toBe(false);
      expect(W.check(table, s, t, other, (x + 2n) % p), ctx).toBe(false);
    }
    // s·G + t·P = ∞ (t·P = −s·G, here with P = G): no x at all.
    const G = wasmTable(Point.BASE);
    expect(W.check(G, 5n, n - 5n, 0n, null)).toBe(false);
  });

  it('adds generic points, P + P (doubles), P + (−P) (infinity), ∞ + P, with the accumulator off Z = 1', () => {
    for (let i = 0; i < 40; i++) {
      const A = Point.BASE.multiply(scalar());
      const B = Point.BASE.multiply(scalar());
      const z = 2n + BigInt(randInt(r, 2 ** 30)); // the accumulator as (X·z², Y·z³, z)
      const ctx = `case ${i} (seed ${seed})`;
      expect(same(W.addPoints(A, B, false, z), A.add(B)), ctx).toBe(true);
      expect(same(W.addPoints(A, B, true, z), A.subtract(B)), ctx).toBe(true);
      expect(same(W.addPoints(A, A, false, z), A.double()), ctx).toBe(true);
      expect(W.addPoints(A, A, true, z), ctx).toBeNull(); // A + (−A)
      expect(W.addPoints(A, A.negate(), false, z), ctx).toBeNull();
      expect(same(W.addPoints(A.negate(), A, true, z), A.double().negate()), ctx).toBe(true);
      expect(same(W.addPoints(null, B), B), ctx).toBe(true);
      expect(same(W.addPoints(null, B, true), B.negate()), ctx).toBe(true);
      expect(same(W.double(A, z), A.double()), ctx).toBe(true);
    }
  });
});

describe("the sandbox signer's k·G", () => {
  it('gives sm-crypto-v2’s x(k·G) on both backends, at the edges and for seeded k', async () => {
    const { sm2 } = await import('sm-crypto-v2');
    const { sm2BaseXVariableTime } = await import('../../../protocol/sm2-verify');
    const next = rng(testSeed('sm2 k·G'));
    const random = () => {
      let k = 0n;
      for (let i = 0; i < 8; i++) k = (k << 32n) | BigInt(randInt(next, 2 ** 32));
      return (k % (n - 1n)) + 1n;
    };
    const ks = [
      1n,
      2n,
      127n,
      128n,
      129n,
      255n,
      256n,
      n - 1n,
      n - 128n,
      1n << 255n,
      ...Array.from({ length: 60 }, random),
    ];
    for (const k of ks) {
      const want = BigInt('0x' + sm2.getPublicKeyFromPrivateKey(k.toString(16).padStart(64, '0')).slice(2, 66));
      expect(sm2BaseXVariableTime(k, 'wasm'), `k = ${k}`).toBe(want);
      expect(sm2BaseXVariableTime(k, 'noble'), `k = ${k}`).toBe(want);
    }
    expect(() => sm2BaseXVariableTime(n, 'wasm')).toThrow(RangeError);
  });
});

describe('many k·G with one inversion, and signMany', () => {
  const scalars = (next: () => number, count: number) =>
    Array.from({ length: count }, () => {
      let k = 0n;
      for (let i = 0; i < 8; i++) k = (k << 32n) | BigInt(randInt(next, 2 ** 32));
      return (k % (n - 1n)) + 1n;
    });

  it('gives each k what the single k·G gives, on both backends, at the edges, seeded, and past one chunk', async () => {
    const { sm2BaseXManyVariableTime, sm2BaseXVariableTime } = await import('../../../protocol/sm2-verify');
    const { MANY_MAX } = await import('../../../protocol/sm2-wasm/layout');
    const next = rng(testSeed('sm2 many k·G'));
    const edges = [1n, 2n, 127n, 128n, 129n, 255n, 256n, 257n, n - 1n, n - 2n, n - 128n, 1n << 255n, 1n];
    const lists = [edges, scalars(next, 70), [n - 1n], [], scalars(next, MANY_MAX + 20)];
    for (const ks of lists) {
      const want = ks.map((k) => sm2BaseXVariableTime(k, 'wasm'));
      expect(sm2BaseXManyVariableTime(ks, 'wasm'), `${ks.length} k`).toEqual(want);
      if (ks.length < 100) expect(sm2BaseXManyVariableTime(ks, 'noble'), `${ks.length} k`).toEqual(want);
    }
    // An infinity anywhere in the list throws, as the single one does, and leaves the module usable.
    for (const backend of ['wasm', 'noble'] as const) {
      expect(() => sm2BaseXManyVariableTime([5n, n, 7n], backend)).toThrow(RangeError);
      expect(sm2BaseXManyVariableTime([5n, 7n], backend)).toEqual([5n, 7n].map((k) => sm2BaseXVariableTime(k)));
    }
  });

  it('signMany gives map(sign) byte for byte, for several keys, on both backends', async () => {
    const { createSm2Signer, createSm2Verifier, sm2PrivateKeyFromSeed } = await import('../../../protocol/sm2');
    const seed = testSeed('sm2 signMany');
    const next = rng(seed);
    for (const name of ['many-a', 'many-b', 'many-c']) {
      const key = sm2PrivateKeyFromSeed(`${name}:${seed}`);
      const reference = createSm2Signer(key, 'wasm');
      const messages = Array.from({ length: 1 + randInt(next, 90) }, (_, i) =>
        i % 7 === 3 ? '' : `{"line":${randInt(next, 1e9)},"名":"${name}"}`,
      );
      messages.push(messages[0]!); // a repeat signs the same
      const want = messages.map((m) => reference.sign(m));
      for (const backend of ['wasm', 'noble'] as const) {
        const signer = createSm2Signer(key, backend);
        expect(signer.signMany(messages), `${name} ${backend} (seed ${seed})`).toEqual(want);
        expect(signer.signMany([]), backend).toEqual([]);
      }
      const v = createSm2Verifier(reference.publicKey);
      expect(messages.every((m, i) => v.verify(m, want[i]!))).toBe(true);
    }
  });
});
