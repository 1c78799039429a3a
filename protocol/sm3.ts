import { createHash, createHmac, getHashes } from 'node:crypto';
import { sm3 as sm3js } from 'sm-crypto-v2';

/**
 * SM3 and HMAC-SM3 that work in every runtime this code runs in. Node's OpenSSL has SM3 (fast);
 * Electron's BoringSSL has none, so the desktop main process and the sandbox's utility process
 * fall back to sm-crypto-v2's pure-JS SM3: the same digest, slower. Decided once, so a hot loop
 * does not probe on every call. See docs/national-algorithms.md.
 */
const native = getHashes().includes('sm3');

type Part = string | Uint8Array;
const bytes = (p: Part): Uint8Array => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p);

/** The pure-JS path, exported so a test can prove it gives the native digest. */
export const sm3Portable = {
  digest: (...parts: Part[]): Buffer => Buffer.from(sm3js(Buffer.concat(parts.map(bytes))), 'hex'),
  hmac: (key: Uint8Array, ...parts: Part[]): Buffer =>
    Buffer.from(sm3js(Buffer.concat(parts.map(bytes)), { key, mode: 'hmac' }), 'hex'),
};

/** SM3 of the parts concatenated (text as UTF-8). */
export function sm3(...parts: Part[]): Buffer {
  if (!native) return sm3Portable.digest(...parts);
  const h = createHash('sm3');
  for (const p of parts) h.update(bytes(p));
  return h.digest();
}

export const sm3Hex = (...parts: Part[]): string => sm3(...parts).toString('hex');

/** HMAC-SM3 of the parts concatenated. */
export function hmacSm3(key: Uint8Array, ...parts: Part[]): Buffer {
  if (!native) return sm3Portable.hmac(key, ...parts);
  const h = createHmac('sm3', key);
  for (const p of parts) h.update(bytes(p));
  return h.digest();
}
