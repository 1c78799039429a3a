import { createHash, createHmac, getHashes } from 'node:crypto';
import { sm3 as sm3js } from 'sm-crypto-v2';
import { sm3WasmAvailable, wasmHmacSm3, wasmSm3 } from './sm3-wasm';

/**
 * SM3 and HMAC-SM3 that work in every runtime this code runs in, the same digest from three
 * implementations, chosen once per isolate so a hot loop does not probe on every call:
 * - `native`: Node's OpenSSL, where `getHashes()` lists sm3 (Node; tests and benches);
 * - `wasm`: the WebAssembly module (`sm3-wasm.ts`) where it does not: Electron's BoringSSL has no
 *   SM3, so this is the desktop main process, its verification worker and the sandbox's utility
 *   process;
 * - `js`: sm-crypto-v2's pure JavaScript, only where WebAssembly is missing (`node --jitless`).
 * `npm run bench -- sm3` measured native and WebAssembly within a few per cent of each other from
 * 300 B to 1 MB (OpenSSL's SM3 is plain C), the JavaScript 2.5–3.5× slower: native stays first as
 * the runtime's own. See docs/national-algorithms.md.
 */
type Part = string | Uint8Array;
const bytes = (p: Part): Uint8Array => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p);

export type Sm3Backend = 'native' | 'wasm' | 'js';
export interface Sm3Impl {
  digest(...parts: Part[]): Buffer;
  hmac(key: Uint8Array, ...parts: Part[]): Buffer;
}

/** The pure-JS path, exported so a test can prove it gives the native digest. */
export const sm3Portable: Sm3Impl = {
  digest: (...parts) => Buffer.from(sm3js(Buffer.concat(parts.map(bytes))), 'hex'),
  hmac: (key, ...parts) => Buffer.from(sm3js(Buffer.concat(parts.map(bytes)), { key, mode: 'hmac' }), 'hex'),
};

const nativeImpl: Sm3Impl = {
  digest(...parts) {
    const h = createHash('sm3');
    for (const p of parts) h.update(bytes(p));
    return h.digest();
  },
  hmac(key, ...parts) {
    const h = createHmac('sm3', key);
    for (const p of parts) h.update(bytes(p));
    return h.digest();
  },
};

const wasmImpl: Sm3Impl = { digest: (...parts) => wasmSm3(parts), hmac: (key, ...parts) => wasmHmacSm3(key, parts) };

/** Every implementation this runtime has (null where it has none), so tests and benches can hold each to the others. */
export const sm3Implementations: Record<Sm3Backend, Sm3Impl | null> = {
  native: getHashes().includes('sm3') ? nativeImpl : null,
  // A getter: the module is instantiated only when something asks for it.
  get wasm() {
    return sm3WasmAvailable() ? wasmImpl : null;
  },
  js: sm3Portable,
};

/** The first this runtime has, in the order above. */
export function chooseSm3Backend(has: { native: boolean; wasm: boolean }): Sm3Backend {
  return has.native ? 'native' : has.wasm ? 'wasm' : 'js';
}
/** Which implementation `sm3`, `sm3Hex` and `hmacSm3` use here (read by tests; nothing is logged). */
export const sm3Backend: Sm3Backend = chooseSm3Backend({
  native: sm3Implementations.native !== null,
  // Read only when native is missing, so where Node's SM3 runs the module is never loaded.
  get wasm() {
    return sm3Implementations.wasm !== null;
  },
});
const chosen: Sm3Impl = sm3Implementations[sm3Backend] ?? sm3Portable;

/** SM3 of the parts concatenated (text as UTF-8). */
export function sm3(...parts: Part[]): Buffer {
  return chosen.digest(...parts);
}

export const sm3Hex = (...parts: Part[]): string => sm3(...parts).toString('hex');

/** HMAC-SM3 of the parts concatenated. */
export function hmacSm3(key: Uint8Array, ...parts: Part[]): Buffer {
  return chosen.hmac(key, ...parts);
}
