import { sm2 } from 'sm-crypto-v2';
import { sm2Key, sm2VerifyDigest } from './sm2-verify';
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
}

/**
 * Deterministic signer: the nonce k is derived from the key and the digest (in the spirit of
 * RFC 6979), so the same seed gives byte-identical licenses and a memo can be dropped safely.
 */
export function createSm2Signer(privateKeyHex: string): Sm2Signer {
  const publicKey = sm2PublicKey(privateKeyHex);
  const z = sm2.getZ(publicKey, SM2_USER_ID);
  return {
    publicKey,
    sign(message: string): string {
      const e = digest(z, message);
      const kSeed = BigInt('0x' + hmacSm3(Buffer.from(privateKeyHex, 'hex'), e).toString('hex'));
      const k = (kSeed % (N - 1n)) + 1n;
      const kG = sm2.getPublicKeyFromPrivateKey(k.toString(16).padStart(64, '0'));
      const x1 = BigInt('0x' + kG.slice(2, 66));
      return sm2.doSignature(e, privateKeyHex, { hash: false, pointPool: [{ k, x1 }] });
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

/** Verifier with the public key's table built once (~100 ms; see sm2-verify.ts for the speed). */
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
