import { sm2 } from 'sm-crypto-v2';
import { invert } from '@noble/curves/abstract/modular';
import { sm2Backend, sm2BaseXManyVariableTime, sm2BaseXVariableTime, sm2Key, sm2VerifyDigest } from './sm2-verify';
import { hmacSm3, sm3, sm3Hex } from './sm3';

/**
 * SM2 with SM3 (GB/T 32918, user id 1234567812345678), interoperable with sm-crypto-v2's own
 * `hash: true` mode. We compute e = SM3(Z || message) with node:crypto's native SM3 where the
 * runtime has it (far faster than the pure-JS one; see sm3.ts) and hand the digest to sm-crypto-v2
 * with `hash: false`.
 */
export const SM2_USER_ID = '1234567812345678';

// Order of the SM2 curve's base point (GB/T 32918.5).
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

function digest(z: Uint8Array, message: string): Uint8Array {
  return new Uint8Array(sm3(z, message));
}

/** Private key (64 hex) from arbitrary seed material, uniformly in [1, n-1]. */
export function sm2PrivateKeyFromSeed(seed: string): string {
  const h = BigInt('0x' + sm3Hex(seed) + sm3Hex('#' + seed));
  return ((h % (N - 1n)) + 1n).toString(16).padStart(64, '0');
}

export function sm2PublicKey(privateKeyHex: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKeyHex);
}

export interface Sm2Signer {
  publicKey: string;
  sign(message: string): string;
  /** `messages.map(sign)`, byte for byte, with one field inversion for the lot instead of one each. */
  signMany(messages: readonly string[]): string[];
}

/**
 * Deterministic signer: the nonce k is derived from the key and the digest (in the spirit of
 * RFC 6979), so the same seed gives byte-identical licenses and a memo can be dropped safely.
 * It is the sandbox's issuers' signer (keys derived from a public seed), so k·G goes through the
 * variable-time table (in WebAssembly where it runs) and 1/(1 + d) is computed once: ~0.08 ms a
 * signature instead of ~0.4 ms, which on a 2-core bench machine is CPU the terminal under test
 * gets back; `signMany` shares one field inversion among a batch answer's signatures. Not for a
 * real key. `backend` is for tests.
 */
export function createSm2Signer(privateKeyHex: string, backend: 'wasm' | 'noble' = sm2Backend): Sm2Signer {
  const publicKey = sm2PublicKey(privateKeyHex);
  const z = sm2.getZ(publicKey, SM2_USER_ID);
  const d = BigInt('0x' + privateKeyHex);
  const keyBytes = Buffer.from(privateKeyHex, 'hex');
  const inv1d = invert(d + 1n, N);
  const nonce = (e: Uint8Array, i: number) => {
    const mac = hmacSm3(keyBytes, i === 0 ? e : Buffer.concat([e, Buffer.from([i])]));
    return (BigInt('0x' + mac.toString('hex')) % (N - 1n)) + 1n;
  };
  // GB/T 32918.2 §6.1: r = (e + x1) mod n, s = (1 + d)⁻¹ · (k − r·d) mod n; null for a degenerate
  // r or s (probability ~2⁻²⁵⁶), which draws the next nonce.
  const signature = (eInt: bigint, k: bigint, x1: bigint): string | null => {
    const r = (eInt + x1) % N;
    if (r === 0n || r + k === N) return null;
    const s = (inv1d * ((((k - r * d) % N) + N) % N)) % N;
    if (s === 0n) return null;
    return r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0');
  };
  const sign = (message: string): string => {
    const e = digest(z, message);
    const eInt = BigInt('0x' + Buffer.from(e).toString('hex'));
    for (let i = 0; ; i++) {
      const k = nonce(e, i);
      const sig = signature(eInt, k, sm2BaseXVariableTime(k, backend));
      if (sig !== null) return sig;
    }
  };
  return {
    publicKey,
    sign,
    signMany(messages) {
      // Every message's first nonce at once; a degenerate one goes through sign, which redraws as it would.
      const es = messages.map((m) => digest(z, m));
      const ks = es.map((e) => nonce(e, 0));
      const xs = sm2BaseXManyVariableTime(ks, backend);
      return es.map(
        (e, j) => signature(BigInt('0x' + Buffer.from(e).toString('hex')), ks[j]!, xs[j]!) ?? sign(messages[j]!),
      );
    },
  };
}

export interface Sm2Verifier {
  publicKey: string;
  verify(message: string, signatureHex: string): boolean;
  /** e = SM3(Z ‖ message): what the signature is over (cheap next to the curve arithmetic). */
  digest(message: string): Uint8Array;
  /** The curve check on a digest from `digest`, so a caller may memo by (e, signature) or hand it to a worker. */
  verifyDigest(e: Uint8Array, signatureHex: string): boolean;
}

/** Verifier with the public key's table built once (~5–10 ms in WebAssembly, ~100 ms on the noble fallback; see sm2-verify.ts). */
export function createSm2Verifier(publicKeyHex: string): Sm2Verifier {
  if (!sm2.verifyPublicKey(publicKeyHex)) throw new RangeError('not an SM2 public key on the curve');
  const key = sm2Key(publicKeyHex);
  const z = sm2.getZ(publicKeyHex, SM2_USER_ID);
  const verifyDigest = (e: Uint8Array, signatureHex: string) => {
    try {
      return sm2VerifyDigest(key, e, signatureHex);
    } catch {
      return false;
    }
  };
  return {
    publicKey: publicKeyHex,
    digest: (message) => digest(z, message),
    verifyDigest,
    verify: (message, signatureHex) => verifyDigest(digest(z, message), signatureHex),
  };
}
