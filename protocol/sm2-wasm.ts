import { candidateX, n, p, parseSignature, Point, type P } from './sm2-noble';
import { MANY_MAX, MEM, TABLE_BYTES, WINDOW_BYTES } from './sm2-wasm/layout';
import { SM2_WASM_BASE64 } from './sm2-wasm/module';
import { instantiateWasm } from './wasm-instance';

/**
 * The JavaScript side of the WebAssembly verifier (`sm2-wasm/wat.ts` is the module's source): one
 * instance per isolate (each worker thread has its own), the key tables in its memory, and the
 * scalar work in BigInt (t = r + s, v = r − e mod n, the signed digits), which is cheap next to
 * the ~66 point additions the module does.
 */
interface Exports {
  memory: WebAssembly.Memory;
  mul(o: number, a: number, b: number): void;
  add(o: number, a: number, b: number): void;
  sub(o: number, a: number, b: number): void;
  is_zero(a: number): number;
  dbl(pt: number): void;
  madd(pt: number, q: number, neg: number): void;
  verify(tableG: number, tableP: number, hasV2: number): number;
  inv(o: number, a: number): void;
  build_table(at: number): void;
}

const instance = instantiateWasm<Exports>(SM2_WASM_BASE64);
const ex = instance.exports;
/** Why the module could not be used (null while it works): the fallback is noble's BigInt path. */
export const sm2WasmError = instance.error;
export const sm2WasmAvailable = ex !== null;

function wasm(): Exports {
  if (ex === null) throw new Error(`SM2 WebAssembly unavailable: ${sm2WasmError}`);
  return ex;
}
// Views over the memory; a grow replaces its buffer, so they are taken afresh when it changed.
let u32 = new Uint32Array(0);
let i8 = new Int8Array(0);
function views(): void {
  const buf = wasm().memory.buffer;
  if (u32.buffer !== buf) {
    u32 = new Uint32Array(buf);
    i8 = new Int8Array(buf);
  }
}

/** Writes a 256-bit value as 8 little-endian limbs (plain, not Montgomery form). */
export function writeField(ptr: number, x: bigint): void {
  views();
  const hex = x.toString(16).padStart(64, '0');
  for (let w = 0; w < 8; w++) u32[(ptr >> 2) + w] = parseInt(hex.slice(56 - 8 * w, 64 - 8 * w), 16);
}
export function readField(ptr: number): bigint {
  views();
  let x = 0n;
  for (let w = 7; w >= 0; w--) x = (x << 32n) | BigInt(u32[(ptr >> 2) + w]!);
  return x;
}

// Table slots: a key's table lives as long as its Sm2Key object; a dropped key's slot is reused.
const freeSlots: number[] = [];
let nextSlot: number = MEM.tables;
const release = new FinalizationRegistry<number>((slot) => freeSlots.push(slot));

function allocTable(): number {
  const slot = freeSlots.pop();
  if (slot !== undefined) return slot;
  const mem = wasm().memory;
  const need = nextSlot + TABLE_BYTES - mem.buffer.byteLength;
  if (need > 0) mem.grow(Math.ceil(need / 65536));
  const at = nextSlot;
  nextSlot += TABLE_BYTES;
  return at;
}

/**
 * The window table of a point, affine in Montgomery form at `at`: window w holds j·2^(8w)·P for
 * j = 1…128. The module builds it from the point itself (~5–10 ms; noble's BigInt took ~70 ms).
 */
function fillTable(point: P, at: number): void {
  const e = wasm();
  const a = point.toAffine();
  writeField(at, a.x);
  writeField(at + 32, a.y);
  e.mul(at, at, MEM.r2);
  e.mul(at + 32, at + 32, MEM.r2);
  e.build_table(at);
}

/** A key's table in the module's memory. */
export interface WasmTable {
  readonly at: number;
}
export function wasmTable(point: P): WasmTable {
  const table = { at: allocTable() };
  fillTable(point, table.at);
  release.register(table, table.at);
  return table;
}
let gTable: WasmTable | null = null;

/** Signed 8-bit digits (little-endian) of a 256-bit scalar given as 64 hex digits, at ptr. */
function writeDigits(ptr: number, hex: string): void {
  let carry = 0;
  for (let w = 0; w < 32; w++) {
    let d = parseInt(hex.slice(62 - 2 * w, 64 - 2 * w), 16) + carry;
    carry = d >= 128 ? 1 : 0;
    if (carry) d -= 256;
    i8[ptr + w] = d;
  }
  i8[ptr + 32] = carry;
}

export function wasmVerify(table: WasmTable, e: Uint8Array, signatureHex: string): boolean {
  const sig = parseSignature(signatureHex);
  if (sig === null) return false;
  const v = candidateX(sig.r, e);
  return check(table, signatureHex.slice(64), sig.t.toString(16).padStart(64, '0'), v, v + n < p ? v + n : null);
}

/** 1 when x(s·G + t·P) is v or v2 (scalars as 64 hex digits, v and v2 below p). */
function check(table: WasmTable, sHex: string, tHex: string, v: bigint, v2: bigint | null): boolean {
  const x = wasm();
  gTable ??= wasmTable(Point.BASE);
  views();
  writeDigits(MEM.digitsS, sHex);
  writeDigits(MEM.digitsT, tHex);
  writeField(MEM.v, v);
  if (v2 !== null) writeField(MEM.v2, v2);
  return x.verify(gTable.at, table.at, v2 !== null ? 1 : 0) === 1;
}

/** G's table now, so the first verification does not pay for it. */
export function wasmBaseTable(): void {
  gTable ??= wasmTable(Point.BASE);
}

/**
 * x(k·G), 0 < k < n, through G's table in the module: the same signed digits and mixed additions
 * as a verification, one call a window, then one inversion. Variable time: for the sandbox's
 * signer only (its keys come from a public seed; see sm2.ts).
 */
export function wasmBaseX(k: bigint): bigint {
  return baseXChunk([k])[0]!;
}

/**
 * x(k·G) for many k (each 0 < k < n), with one inversion for up to MANY_MAX of them instead of one
 * each: every k's digit walk (as in wasmBaseX) goes into its own accumulator at `MEM.many`, then
 * Montgomery's trick turns all the Z's into 1/Z's: their prefix products, one inversion of the
 * last, and a walk back. ~35 µs saved a k past the first. Throws as wasmBaseX does when some k·G is
 * the point at infinity; the sandbox's signer only (variable time, as wasmBaseX).
 */
export function wasmBaseXMany(ks: readonly bigint[]): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < ks.length; i += MANY_MAX) out.push(...baseXChunk(ks.slice(i, i + MANY_MAX)));
  return out;
}

function baseXChunk(ks: readonly bigint[]): bigint[] {
  const x = wasm();
  gTable ??= wasmTable(Point.BASE); // before the accumulators: building a table uses the same bytes
  views();
  const m = ks.length;
  if (m === 0) return [];
  const acc = (i: number) => MEM.many + 96 * i;
  const z = (i: number) => MEM.many + 96 * i + 64;
  const prefix = (i: number) => MEM.many + 96 * MANY_MAX + 32 * i;
  for (let i = 0; i < m; i++) {
    writeDigits(MEM.digitsS, ks[i]!.toString(16).padStart(64, '0'));
    writeField(z(i), 0n); // infinity
    for (let w = 0; w < 33; w++) {
      const d = i8[MEM.digitsS + w]!;
      if (d !== 0) x.madd(acc(i), gTable.at + w * WINDOW_BYTES + (Math.abs(d) - 1) * 64, d < 0 ? 1 : 0);
    }
    if (x.is_zero(z(i))) throw new RangeError(`k·G is the point at infinity (k ≡ 0 mod n) at k #${i}`);
  }
  // prefix_i = Z_0 ⋯ Z_i (a Montgomery product with 1 in Montgomery form copies).
  x.mul(prefix(0), z(0), MEM.one);
  for (let i = 1; i < m; i++) x.mul(prefix(i), prefix(i - 1), z(i));
  const [t, zi, zi2, one] = [MEM.scratch, MEM.scratch + 32, MEM.scratch + 64, MEM.scratch + 96];
  x.inv(t, prefix(m - 1)); // t = 1/(Z_0 ⋯ Z_(m−1))
  writeField(one, 1n);
  const xs = new Array<bigint>(m);
  for (let i = m - 1; i >= 0; i--) {
    // 1/Z_i = t · prefix_(i−1); then t = 1/(Z_0 ⋯ Z_(i−1)) for the next one down.
    let inv: number = t;
    if (i > 0) {
      x.mul(zi, t, prefix(i - 1));
      x.mul(t, t, z(i));
      inv = zi;
    }
    x.mul(zi2, inv, inv);
    x.mul(zi2, acc(i), zi2); // X / Z²
    x.mul(zi2, zi2, one); // out of Montgomery form
    xs[i] = readField(zi2);
  }
  return xs;
}

const R = 1n << 256n;
const Rinv = modInverse(R % p);
function modInverse(a: bigint): bigint {
  let [r0, r1, s0, s1] = [p, a, 0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return ((s0 % p) + p) % p;
}

/**
 * The module's field and point operations on BigInt values, for tests only: field elements are
 * passed in the module's own (Montgomery) representation, points as noble points.
 */
export const sm2WasmInternals = {
  toMont: (x: bigint) => (x * R) % p,
  fromMont: (x: bigint) => (x * Rinv) % p,
  field(op: 'mul' | 'add' | 'sub' | 'inv', a: bigint, b = 0n): bigint {
    const [o, pa, pb] = [MEM.scratch, MEM.scratch + 32, MEM.scratch + 64];
    writeField(pa, a);
    writeField(pb, b);
    if (op === 'inv') wasm().inv(o, pa);
    else wasm()[op](o, pa, pb);
    return readField(o);
  },
  /** The module's final check on its own: is x(s·G + t·P) one of v, v2? */
  check: (table: WasmTable, s: bigint, t: bigint, v: bigint, v2: bigint | null) =>
    check(table, s.toString(16).padStart(64, '0'), t.toString(16).padStart(64, '0'), v, v2),
  /** The affine point j·2^(8w)·P of a key's table (j = 1…128). */
  tablePoint(table: WasmTable, w: number, j: number): P {
    const at = table.at + w * WINDOW_BYTES + (j - 1) * 64;
    const t = sm2WasmInternals;
    return Point.fromAffine({ x: t.fromMont(readField(at)), y: t.fromMont(readField(at + 32)) });
  },
  /** Writes affine A as the Jacobian (x·z², y·z³, z) at ptr, or infinity (Z = 0) for null. */
  writeJacobian(ptr: number, A: P | null, z = 1n): void {
    const t = sm2WasmInternals;
    const a = A?.toAffine();
    writeField(ptr, a ? t.toMont((a.x * z * z) % p) : 0n);
    writeField(ptr + 32, a ? t.toMont((a.y * z * z * z) % p) : 0n);
    writeField(ptr + 64, a ? t.toMont(z % p) : 0n);
  },
  /** acc + (neg ? −q : q) through the module's mixed addition; null is infinity, in and out. */
  addPoints(acc: P | null, q: P, neg = false, z = 1n): P | null {
    const t = sm2WasmInternals;
    const [pa, pq] = [MEM.scratch + 128, MEM.scratch + 256];
    t.writeJacobian(pa, acc, z);
    const qa = q.toAffine();
    writeField(pq, t.toMont(qa.x));
    writeField(pq + 32, t.toMont(qa.y));
    wasm().madd(pa, pq, neg ? 1 : 0);
    return t.readJacobian(pa);
  },
  double(acc: P, z = 1n): P | null {
    const pa = MEM.scratch + 128;
    sm2WasmInternals.writeJacobian(pa, acc, z);
    wasm().dbl(pa);
    return sm2WasmInternals.readJacobian(pa);
  },
  readJacobian(ptr: number): P | null {
    const t = sm2WasmInternals;
    const [X, Y, Z] = [0, 32, 64].map((o) => t.fromMont(readField(ptr + o))) as [bigint, bigint, bigint];
    if (Z === 0n) return null;
    const zi = modInverse(Z);
    const zi2 = (zi * zi) % p;
    return Point.fromAffine({ x: (X * zi2) % p, y: (Y * zi2 * zi) % p });
  },
};
