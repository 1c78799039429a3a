import { execFileSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sm3 as sm3js } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { chooseSm3Backend, hmacSm3, sm3, sm3Backend, sm3Implementations, type Sm3Impl } from '../../../protocol/sm3';
import { buildSm3Wasm } from '../../../protocol/wasm-build';
import { SM3_WASM_BASE64 } from '../../../protocol/sm3-wasm/module';
import { sm3WasmMemoryBytes } from '../../../protocol/sm3-wasm';
import { randInt, randomBytes, randomChunks, rng, testSeed } from '../../helpers/rng';

const root = resolve(__dirname, '../../..');
const wasm = sm3Implementations.wasm as Sm3Impl;
const native = sm3Implementations.native as Sm3Impl;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** The references: sm-crypto-v2 (independent of both) and OpenSSL (Node here). */
const refDigest = (m: Uint8Array) => sm3js(m);
const refOpenssl = (m: Uint8Array) => createHash('sm3').update(m).digest('hex');

describe('the SM3 WebAssembly module', () => {
  it('is committed as a fresh build of its source makes it (npm run sm3:wasm)', async () => {
    const built = await buildSm3Wasm();
    expect(Buffer.from(built.bytes).toString('base64')).toBe(SM3_WASM_BASE64);
    expect(readFileSync(join(root, 'protocol/sm3-wasm/module.ts'), 'utf8')).toBe(built.moduleTs);
    expect(readFileSync(join(root, 'protocol/sm3-wasm/sm3.wat'), 'utf8')).toBe(built.wat);
    expect((await buildSm3Wasm()).bytes).toEqual(built.bytes); // wabt is deterministic
  });

  it('runs here, and Node (OpenSSL has SM3) keeps the native one', () => {
    expect(wasm).not.toBeNull();
    expect(native).not.toBeNull();
    expect(sm3Backend).toBe('native');
    expect(chooseSm3Backend({ native: true, wasm: true })).toBe('native');
    expect(chooseSm3Backend({ native: false, wasm: true })).toBe('wasm'); // Electron
    expect(chooseSm3Backend({ native: false, wasm: false })).toBe('js');
  });
});

describe('SM3 in WebAssembly gives the digest of sm-crypto-v2 and OpenSSL', () => {
  it('on the standard vectors (GB/T 32905 appendix A)', () => {
    const abc = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    const abcd16 = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';
    for (const impl of [wasm, native, sm3Implementations.js!]) {
      expect(hex(impl.digest('abc'))).toBe(abc);
      expect(hex(impl.digest('abcd'.repeat(16)))).toBe(abcd16);
    }
  });

  it('at the padding edges and across the 32 KB window, for bytes and for text', () => {
    const lengths = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 32703, 32767, 32768, 32769, 65600, 1 << 20];
    for (const n of lengths) {
      const m = new Uint8Array(n).map((_, i) => (i * 131 + 7) & 0xff);
      const want = refOpenssl(m);
      expect(hex(wasm.digest(m)), `${n} bytes`).toBe(want);
      if (n <= 4096) expect(refDigest(m), `${n} bytes (sm-crypto-v2)`).toBe(want);
      // Text: three-byte characters, so a character straddles the window's end.
      const t = '户'.repeat(Math.ceil(n / 3)) + 'a'.repeat(n % 3);
      expect(hex(wasm.digest(t)), `${n} chars of text`).toBe(refOpenssl(Buffer.from(t)));
    }
  });

  it('on seeded random inputs, whole and cut into random parts (bytes and text mixed)', () => {
    const seed = testSeed('sm3 wasm random');
    const r = rng(seed);
    for (let i = 0; i < 300; i++) {
      const n = i < 200 ? randInt(r, 300) : randInt(r, 70_000);
      const m = randomBytes(r, n);
      const want = refOpenssl(m);
      const ctx = `case ${i}, ${n} bytes (seed ${seed})`;
      expect(hex(wasm.digest(m)), ctx).toBe(want);
      if (n < 2000) expect(refDigest(m), ctx).toBe(want);
      const parts = randomChunks(r, m, 1 + randInt(r, 5000));
      expect(hex(wasm.digest(...parts)), ctx).toBe(want);
      // Text parts: random code points, including surrogate pairs and lone surrogates (→ U+FFFD).
      const chars = Array.from({ length: randInt(r, 400) }, () => {
        const k = randInt(r, 5);
        const cp =
          k === 0
            ? randInt(r, 128)
            : k === 1
              ? 0x4e00 + randInt(r, 0x5000)
              : k === 2
                ? 0x10000 + randInt(r, 0xfffff)
                : k === 3
                  ? 0xd800 + randInt(r, 0x800)
                  : randInt(r, 0x800);
        return k === 3 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      });
      const text = chars.join('');
      const mixed = [m.subarray(0, n >> 1), text, m.subarray(n >> 1)];
      expect(hex(wasm.digest(...mixed)), ctx).toBe(
        refOpenssl(Buffer.concat(mixed.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)))),
      );
    }
  });

  it('on a short message split in two at every position, and byte by byte', () => {
    const m = Buffer.from('{"line":7,"名":"张建国","reason":"主动服务"} and a tail past one block, 0123456789abcdef');
    const want = refOpenssl(m);
    for (let i = 0; i <= m.length; i++) {
      expect(hex(wasm.digest(m.subarray(0, i), m.subarray(i))), `bytes at ${i}`).toBe(want);
      expect(hex(wasm.digest(m.subarray(0, i), '', m.subarray(i))), `with an empty text at ${i}`).toBe(want);
    }
    const s = m.toString();
    for (let i = 0; i <= s.length; i++) expect(hex(wasm.digest(s.slice(0, i), s.slice(i))), `text at ${i}`).toBe(want);
    expect(hex(wasm.digest(...Array.from(m, (b) => Uint8Array.of(b))))).toBe(want);
  });

  it('HMAC-SM3 equals sm-crypto-v2 and OpenSSL, keys of 0 to 200 bytes (longer than a block is hashed first)', () => {
    const seed = testSeed('sm3 wasm hmac');
    const r = rng(seed);
    for (const klen of [0, 1, 16, 32, 63, 64, 65, 100, 128, 200]) {
      const key = randomBytes(r, klen);
      for (const mlen of [0, 1, 55, 64, 200, 1000]) {
        const m = randomBytes(r, mlen);
        const want = createHmac('sm3', key).update(m).digest('hex');
        const ctx = `key ${klen} B, message ${mlen} B (seed ${seed})`;
        expect(hex(wasm.hmac(key, m)), ctx).toBe(want);
        if (klen > 0) expect(sm3js(m, { key, mode: 'hmac' }), ctx).toBe(want); // sm-crypto-v2 refuses an empty key
        expect(hex(wasm.hmac(key, m.subarray(0, mlen >> 1), m.subarray(mlen >> 1))), ctx).toBe(want);
      }
    }
  });

  it('is not disturbed by a huge input or one that throws halfway: the next digest is right', () => {
    const short = 'abc';
    const want = refOpenssl(Buffer.from(short));
    const huge = new Uint8Array(5 << 20).fill(0xff);
    expect(hex(wasm.digest(huge))).toBe(refOpenssl(huge));
    expect(hex(wasm.digest(short))).toBe(want);
    // A wrong-typed part after 40 KB of input throws; nothing of it leaks into the next digest.
    expect(() => wasm.digest(new Uint8Array(40_000), 7 as never)).toThrow(TypeError);
    expect(hex(wasm.digest(short))).toBe(want);
    expect(() => wasm.hmac(new Uint8Array(100), 'x', null as never)).toThrow(TypeError);
    expect(hex(wasm.hmac(Buffer.from('k'), short))).toBe(createHmac('sm3', 'k').update(short).digest('hex'));
    expect(sm3WasmMemoryBytes()).toBe(65536); // one page: a 5 MB input streamed through the window
    expect(hex(sm3(short))).toBe(want);
    expect(hex(hmacSm3(Buffer.from('k'), short))).toBe(createHmac('sm3', 'k').update(short).digest('hex'));
  });
});

describe('the backend each runtime gets', () => {
  /**
   * Runs a script in a child node (with `flags`), with OpenSSL's SM3 hidden as in Electron unless
   * `native`; `modules` counts the WebAssembly modules compiled meanwhile.
   */
  function probe(flags: string[], native = false) {
    const dir = mkdtempSync(join(tmpdir(), 'sm3-backend-'));
    try {
      const script = join(dir, 'check.cjs');
      writeFileSync(
        script,
        `const crypto = require('node:crypto');
const all = crypto.getHashes();
${native ? '' : "crypto.getHashes = () => all.filter((h) => h !== 'sm3'); // BoringSSL lists no sm3"}
let modules = 0;
if (typeof WebAssembly !== 'undefined') {
  const M = WebAssembly.Module;
  WebAssembly.Module = function (b) { modules++; return new M(b); };
}
const m = require(${JSON.stringify(join(root, 'protocol/sm3'))});
const w = require(${JSON.stringify(join(root, 'protocol/sm3-wasm'))});
const { createHash, createHmac } = crypto;
console.log(JSON.stringify({
  backend: m.sm3Backend,
  wasmError: m.sm3Backend === 'native' ? null : w.sm3WasmError(),
  ok: m.sm3Hex('abc', new Uint8Array(70000)) === createHash('sm3').update('abc').update(new Uint8Array(70000)).digest('hex'),
  hmacOk: m.hmacSm3(Buffer.alloc(80, 1), 'm').equals(createHmac('sm3', Buffer.alloc(80, 1)).update('m').digest()),
  modules,
}));
`,
      );
      const out = execFileSync(process.execPath, [...flags, '--import', 'tsx', script], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return JSON.parse(out.trim().split('\n').pop()!) as unknown;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('without a native SM3 (Electron) takes WebAssembly', () => {
    expect(probe([])).toEqual({ backend: 'wasm', wasmError: null, ok: true, hmacOk: true, modules: 1 });
  });

  it('with a native SM3 (Node) never loads the module', () => {
    expect(probe([], true)).toEqual({ backend: 'native', wasmError: null, ok: true, hmacOk: true, modules: 0 });
  });

  it('without WebAssembly either (node --jitless) falls back to sm-crypto-v2, and still hashes right', () => {
    expect(probe(['--jitless'])).toEqual({
      backend: 'js',
      wasmError: 'WebAssembly is not defined',
      ok: true,
      hmacOk: true,
      modules: 0,
    });
  });
});
