import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { createSm2Signer, createSm2Verifier, sm2PrivateKeyFromSeed, SM2_USER_ID } from '../../../protocol/sm2';
import { sm2Backend, sm2Key, sm2VerifyDigest } from '../../../protocol/sm2-verify';
import { sm2WasmError } from '../../../protocol/sm2-wasm';
import { randInt, rng, testSeed } from '../../helpers/rng';

const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const hex64 = (x: bigint) => x.toString(16).padStart(64, '0');

interface Checker {
  publicKey: string;
  verify(message: string, signatureHex: string): boolean;
  verifyDigest(e: Uint8Array, signatureHex: string): boolean;
  digest(message: string): Uint8Array;
}

/** The same check on noble's BigInt path, which runs where WebAssembly is unavailable. */
function nobleChecker(publicKey: string): Checker {
  const v = createSm2Verifier(publicKey); // for the digest
  const key = sm2Key(publicKey, 'noble');
  const verifyDigest = (e: Uint8Array, sig: string) => sm2VerifyDigest(key, e, sig);
  return { publicKey, digest: v.digest, verifyDigest, verify: (m, sig) => verifyDigest(v.digest(m), sig) };
}

it('runs on WebAssembly here (the noble path is only the fallback)', () => {
  expect(sm2WasmError).toBeNull();
  expect(sm2Backend).toBe('wasm');
  const pub = createSm2Signer(sm2PrivateKeyFromSeed('backend')).publicKey;
  expect(sm2Key(pub).table).toBeDefined();
  expect(sm2Key(pub, 'noble').table).toBeUndefined();
});

/**
 * The fast verifier (protocol/sm2-verify.ts), on WebAssembly and on its noble fallback, is held to
 * sm-crypto-v2's own verdict on random keys, messages and signatures, valid and tampered in every
 * part a forger controls.
 */
describe.each([
  ['WebAssembly', (pub: string): Checker => createSm2Verifier(pub)],
  ['noble fallback', nobleChecker],
])('SM2 verification on precomputed tables (%s) agrees with sm-crypto-v2', (backend, checker) => {
  const seed = testSeed(`sm2 verify (${backend})`);
  const r = rng(seed);
  const keys = Array.from({ length: 3 }, (_, i) => sm2PrivateKeyFromSeed(`verify-${seed}-${i}`));
  // A key's table takes ~100 ms to build: one signer and verifier per key.
  const signers = keys.map((k) => createSm2Signer(k));
  const verifiers = signers.map((s) => checker(s.publicKey));

  it('accepts what sm-crypto-v2 accepts and refuses what it refuses (300 cases)', () => {
    let valid = 0;
    for (let i = 0; i < 300; i++) {
      const priv = keys[i % keys.length]!;
      const signer = signers[i % keys.length]!;
      const v = verifiers[i % keys.length]!;
      const msg = `{"holder":"${randInt(r, 1e9)}","n":${i}}`;
      let sig =
        i % 2 === 0 ? signer.sign(msg) : sm2.doSignature(msg, priv, { hash: true, publicKey: signer.publicKey });
      let text = msg;
      switch (i % 6) {
        case 2: // another message
          text = msg.replace(/\d/, (d) => String((Number(d) + 1) % 10));
          break;
        case 3: // r or s moved by a little
          sig = sig.slice(0, 63) + ((parseInt(sig[63]!, 16) + 1) % 16).toString(16) + sig.slice(64);
          break;
        case 4: // s replaced by n − s, r by r + n (out of range)
          sig = i % 12 === 4 ? sig.slice(0, 64) + hex64(N - BigInt('0x' + sig.slice(64))) : sig;
          break;
        case 5: // another key's verifier
          break;
      }
      const verifier = i % 6 === 5 ? verifiers[(i + 1) % keys.length]! : v;
      const theirs = sm2.doVerifySignature(text, sig, verifier.publicKey, { hash: true, userId: SM2_USER_ID });
      expect(verifier.verify(text, sig), `case ${i} (seed ${seed})`).toBe(theirs);
      if (theirs) valid++;
    }
    expect(valid).toBeGreaterThan(100); // the cases really mix valid and invalid
    expect(valid).toBeLessThan(200);
  });

  it('refuses out-of-range and degenerate signatures', () => {
    const [signer, v] = [signers[0]!, verifiers[0]!];
    const sig = signer.sign('x');
    const [r0, s0] = [BigInt('0x' + sig.slice(0, 64)), BigInt('0x' + sig.slice(64))];
    for (const bad of [
      hex64(0n) + hex64(s0),
      hex64(r0) + hex64(0n),
      hex64(r0 + N) + hex64(s0),
      hex64(r0) + hex64(s0 + N),
      hex64(r0) + hex64(N - r0), // t = r + s ≡ 0
      'g'.repeat(128),
      sig.slice(2),
    ])
      expect(v.verify('x', bad), bad).toBe(false);
    expect(v.verify('x', sig)).toBe(true);
    expect(v.verifyDigest(v.digest('x'), sig)).toBe(true);
  });

  it('refuses a signature steered to R = s·G + t·P at infinity', () => {
    // Knowing the private key d, a forger-like (r, s) with s + (r + s)·d ≡ 0 makes R = ∞.
    const d = BigInt('0x' + keys[0]!);
    const v = verifiers[0]!;
    const e = v.digest('x');
    const inv = (a: bigint) => {
      let [x, y, s0, s1] = [((a % N) + N) % N, N, 1n, 0n];
      while (y !== 0n) [x, y, s0, s1] = [y, x % y, s1, s0 - (x / y) * s1];
      return ((s0 % N) + N) % N;
    };
    for (let i = 0; i < 20; i++) {
      const r0 = 1n + BigInt(randInt(r, 1e9)) * 7919n;
      const s = ((((N - r0) * d) % N) * inv(1n + d)) % N;
      const sig = hex64(r0) + hex64(s);
      expect(v.verifyDigest(e, sig), `case ${i} (seed ${seed})`).toBe(false);
      expect(sm2.doVerifySignature('x', sig, v.publicKey, { hash: true, userId: SM2_USER_ID })).toBe(false);
    }
  });
});
