import { nobleBaseX, nobleBaseXMany, nobleKeyTables, nobleVerify, Point, type P } from './sm2-noble';
import {
  sm2WasmAvailable,
  wasmBaseX,
  wasmBaseXMany,
  wasmTable,
  wasmVerify,
  wasmBaseTable,
  type WasmTable,
} from './sm2-wasm';

/**
 * SM2 signature verification (GB/T 32918.2 §7) on a digest e: R = s·G + t·P through fixed-window
 * tables, accepted when x(R) ≡ r − e (mod n). The curve arithmetic runs in WebAssembly
 * (`sm2-wasm.ts`, ~5× faster than BigInt); where WebAssembly is unavailable or the module fails
 * to instantiate, the same check runs on @noble/curves (`sm2-noble.ts`). `sm2Backend` says which
 * (read by tests; nothing is logged). `tests/unit/registry/sm2-verify.test.ts` holds both to
 * sm-crypto-v2's verdict.
 */
export const sm2Backend: 'wasm' | 'noble' = sm2WasmAvailable ? 'wasm' : 'noble';

/** A public key (uncompressed hex, 04‖x‖y) checked to lie on the curve, with its table built. */
export interface Sm2Key {
  readonly point: P;
  /** The key's table in the WebAssembly module's memory; absent on the noble path. */
  readonly table?: WasmTable;
}

/**
 * Builds the key's table now (~5–10 ms in WebAssembly, ~100 ms on noble), not on first use: a key
 * is made in the background when the trust list arrives, so the first card of each issuer does
 * not pay for it at the counter.
 * `backend` is for tests (the fallback on a machine that has WebAssembly).
 */
export function sm2Key(publicKeyHex: string, backend: 'wasm' | 'noble' = sm2Backend): Sm2Key {
  const point = Point.fromHex(publicKeyHex); // throws unless on the curve (and not infinity)
  if (backend === 'noble') {
    nobleKeyTables(point);
    return { point };
  }
  try {
    wasmBaseTable();
    return { point, table: wasmTable(point) };
  } catch {
    // The module's memory could not grow (270 KB a key): this key checks on noble instead of
    // failing every signature of its issuer.
    nobleKeyTables(point);
    return { point };
  }
}

/** True when (r, s) = signatureHex (128 hex) is a valid SM2 signature of digest e under key. */
export function sm2VerifyDigest(key: Sm2Key, e: Uint8Array, signatureHex: string): boolean {
  return key.table ? wasmVerify(key.table, e, signatureHex) : nobleVerify(key.point, e, signatureHex);
}

/**
 * x(k·G) through G's table, without the constant-time ladder. Only for the sandbox's signer, whose
 * issuer keys are derived from a public seed: a nonce that leaks through timing reveals nothing
 * there. Never use it with a secret that matters.
 */
export function sm2BaseXVariableTime(k: bigint, backend: 'wasm' | 'noble' = sm2Backend): bigint {
  return backend === 'wasm' ? wasmBaseX(k) : nobleBaseX(k);
}

/**
 * x(k·G) for each k, as `sm2BaseXVariableTime` gives one at a time, with one field inversion for
 * the lot (the sandbox signs a batch answer's new licenses together). The same caveat: public-seed
 * keys only.
 */
export function sm2BaseXManyVariableTime(ks: readonly bigint[], backend: 'wasm' | 'noble' = sm2Backend): bigint[] {
  return backend === 'wasm' ? wasmBaseXMany(ks) : nobleBaseXMany(ks);
}
