import { MEM, WINDOW } from './sm3-wasm/layout';
import { SM3_WASM_BASE64 } from './sm3-wasm/module';
import { instantiateWasm } from './wasm-instance';

/**
 * The JavaScript side of SM3 in WebAssembly (`sm3-wasm/wat.ts` is the module's source): one
 * instance per isolate, the input copied (bytes) or encoded (text, straight into the module's
 * memory, no intermediate Buffer) into a fixed window, whole blocks compressed there, and the
 * padding (GB/T 32905 §5.2) written in after the last byte. Memory stays one 64 KB page whatever
 * the input's length; each digest starts from the IV, so an input that throws halfway (a part of
 * the wrong type) leaves nothing behind for the next one.
 */
type Part = string | Uint8Array;
interface Exports {
  memory: WebAssembly.Memory;
  compress(p: number, n: number): void;
}

interface Loaded {
  x: Exports;
  u8: Uint8Array;
  state: Uint32Array;
}
let loaded: Loaded | null | undefined;
let loadError: string | null = null;
/**
 * Instantiated on first use, not at import: where Node's own SM3 is chosen (sm3.ts) the module is
 * never loaded. The memory has a fixed maximum of one page, so the views are never detached.
 */
function load(): Loaded | null {
  if (loaded === undefined) {
    const inst = instantiateWasm<Exports>(SM3_WASM_BASE64);
    const x = inst.exports;
    loadError = inst.error;
    loaded = x
      ? { x, u8: new Uint8Array(x.memory.buffer), state: new Uint32Array(x.memory.buffer, MEM.state, 8) }
      : null;
  }
  return loaded;
}
export const sm3WasmAvailable = (): boolean => load() !== null;
/** Why the module could not be used (null while it works): `sm3.ts` then falls back. */
export const sm3WasmError = (): string | null => (load(), loadError);

const encoder = new TextEncoder();
const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const W0 = MEM.window;

function wasm(): Loaded {
  const l = load();
  if (l === null) throw new Error(`SM3 WebAssembly unavailable: ${loadError}`);
  return l;
}

/** SM3 of the parts concatenated (text as UTF-8, lone surrogates as U+FFFD, as Buffer.from does). */
export function wasmSm3(parts: readonly Part[]): Buffer {
  return digest(parts, null);
}

/** SM3 of `block` (64 bytes: an HMAC pad) followed by the parts. */
function digest(parts: readonly Part[], block: Uint8Array | null): Buffer {
  const { x, u8, state } = wasm();
  state.set(IV);
  let fill = 0; // bytes waiting in the window
  if (block) {
    u8.set(block, W0);
    fill = 64;
  }
  let total = 0;
  // Compresses the window's whole blocks and moves the partial one (< 64 bytes) to its start.
  const flush = () => {
    const whole = fill & ~63;
    x.compress(W0, whole >>> 6);
    u8.copyWithin(W0, W0 + whole, W0 + fill);
    total += whole;
    fill -= whole;
  };
  for (const p of parts) {
    if (typeof p === 'string') {
      let rest = p;
      for (;;) {
        const { read, written } = encoder.encodeInto(rest, u8.subarray(W0 + fill, W0 + WINDOW));
        fill += written;
        if (read === rest.length) break;
        rest = rest.slice(read);
        flush(); // the window is within 3 bytes of full: at least 32 KB − 66 compressed
      }
    } else if (p instanceof Uint8Array) {
      for (let at = 0; at < p.length;) {
        const n = Math.min(p.length - at, WINDOW - fill);
        u8.set(n === p.length ? p : p.subarray(at, at + n), W0 + fill);
        fill += n;
        at += n;
        if (fill === WINDOW) flush();
      }
    } else {
      throw new TypeError(`SM3 takes text or bytes, got ${typeof p}`);
    }
    if (fill >= WINDOW - 3) flush();
  }
  // Padding: 0x80, zeros to 56 mod 64, the length in bits as 64-bit big-endian.
  total += fill;
  const end = (fill + 72) & ~63;
  u8[W0 + fill] = 0x80;
  u8.fill(0, W0 + fill + 1, W0 + end - 8);
  const hi = Math.floor(total / 0x20000000); // total·8 / 2³²
  const lo = (total * 8) >>> 0;
  for (let i = 0; i < 4; i++) {
    u8[W0 + end - 8 + i] = hi >>> (24 - 8 * i);
    u8[W0 + end - 4 + i] = lo >>> (24 - 8 * i);
  }
  x.compress(W0, end >>> 6);
  const out = Buffer.allocUnsafe(32);
  for (let k = 0; k < 8; k++) out.writeUInt32BE(state[k]!, 4 * k);
  return out;
}

const BLOCK = 64;
// The pads are rewritten on every call (synchronous, nothing runs between), so no call allocates them.
const ipad = new Uint8Array(BLOCK);
const opad = new Uint8Array(BLOCK);
/** HMAC-SM3 (RFC 2104 with SM3's 64-byte block): a key longer than a block is hashed first. */
export function wasmHmacSm3(key: Uint8Array, parts: readonly Part[]): Buffer {
  const k = key.length > BLOCK ? wasmSm3([key]) : key;
  ipad.fill(0x36);
  opad.fill(0x5c);
  for (let i = 0; i < k.length; i++) {
    ipad[i]! ^= k[i]!;
    opad[i]! ^= k[i]!;
  }
  return digest([digest(parts, ipad)], opad);
}

/** For tests: the module's memory in bytes (one page, whatever was hashed). */
export const sm3WasmMemoryBytes = (): number => wasm().x.memory.buffer.byteLength;
