import { normalizeZ, wNAF } from '@noble/curves/abstract/curve';
import { weierstrassN, type WeierstrassPoint } from '@noble/curves/abstract/weierstrass';

/**
 * The SM2 curve in @noble/curves, and the verifier's fallback where WebAssembly is unavailable
 * (`sm2-verify.ts` chooses). Built from noble's own primitives, because sm-crypto-v2's
 * verification multiplies with the constant-time ladder: it adds a decoy point on every window and
 * converts to affine three times. Verification handles only public values, so neither is needed:
 * both products run through the precomputed tables without decoys, into one accumulator, and
 * x(R) = (r − e) mod n is compared in projective coordinates (X = v·Z), with no inversion
 * (~0.47 ms a check; the WebAssembly path is several times faster).
 */

// The SM2 recommended curve (GB/T 32918.5): y² = x³ + ax + b over F_p, a = p − 3, order n, cofactor 1.
export const p = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
export const n = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
export const Point = weierstrassN({
  p,
  n,
  h: 1n,
  a: p - 3n,
  b: BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93'),
  Gx: BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7'),
  Gy: BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0'),
});
export type P = WeierstrassPoint<bigint>;
const Fp = Point.Fp;

/** r and s of a signature (128 hex), or null when malformed or out of [1, n − 1] or r + s ≡ 0. */
export function parseSignature(signatureHex: string): { r: bigint; s: bigint; t: bigint } | null {
  if (!/^[0-9a-fA-F]{128}$/.test(signatureHex)) return null;
  const r = BigInt('0x' + signatureHex.slice(0, 64));
  const s = BigInt('0x' + signatureHex.slice(64));
  if (r === 0n || r >= n || s === 0n || s >= n) return null;
  const t = (r + s) % n;
  return t === 0n ? null : { r, s, t };
}

/** v = (r − e) mod n: r = (e + x1) mod n, so x1 ≡ v; x1 < p < 2n leaves two candidates, v and v + n. */
export function candidateX(r: bigint, e: Uint8Array): bigint {
  const eInt = BigInt('0x' + Buffer.from(e).toString('hex'));
  return (((r - eInt) % n) + n) % n;
}

// Window 8: 4,224 table points (about 1 MB) per key, built in ~100 ms. A wider window saves a few
// additions but costs memory per trusted issuer, and a batch run is memory-bound too.
const W = 8;
const wnaf = new wNAF(Point, 256);
const affine = (ps: P[]) => normalizeZ(Point, ps);
let baseReady = false;

/** Builds the key's noble tables now (noble builds them on first use, on a card's path). */
export function nobleKeyTables(point: P): void {
  if (!baseReady) {
    wnaf.createCache(Point.BASE, W);
    wnaf.unsafe(Point.BASE, 3n, affine);
    baseReady = true;
  }
  wnaf.createCache(point, W);
  wnaf.unsafe(point, 3n, affine);
}

export function nobleVerify(point: P, e: Uint8Array, signatureHex: string): boolean {
  const sig = parseSignature(signatureHex);
  if (sig === null) return false;
  const R = wnaf.unsafe(point, sig.t, affine, wnaf.unsafe(Point.BASE, sig.s, affine));
  if (R.is0()) return false;
  const v = candidateX(sig.r, e);
  if (Fp.eql(R.X, Fp.mul(v, R.Z))) return true;
  return v + n < p && Fp.eql(R.X, Fp.mul(v + n, R.Z));
}

/** x(k·G) through G's table without the constant-time ladder: the sandbox signer's fallback. */
export function nobleBaseX(k: bigint): bigint {
  return nobleBaseXMany([k])[0]!;
}

/**
 * x(k·G) for many k: the fallback of `wasmBaseXMany`, with noble's normalizeZ turning all the
 * products affine with one inversion. Throws a RangeError when some k·G is infinity (k ≡ 0 mod n).
 */
export function nobleBaseXMany(ks: readonly bigint[]): bigint[] {
  if (!baseReady) nobleKeyTables(Point.BASE);
  const points = ks.map((k) => wnaf.unsafe(Point.BASE, k, affine));
  const at = points.findIndex((pt) => pt.is0());
  if (at >= 0) throw new RangeError(`k·G is the point at infinity (k ≡ 0 mod n) at k #${at}`);
  return normalizeZ(Point, points).map((pt) => pt.X);
}
