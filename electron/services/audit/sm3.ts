import { createHash, getHashes } from 'node:crypto';
import { sm3 as sm3js } from 'sm-crypto-v2';

// Node's OpenSSL has SM3; Electron's BoringSSL does not, so the desktop falls back to the pure-JS
// implementation (same digest, slower). Decided once so a hot loop does not probe every call.
const native = getHashes().includes('sm3');

/** SM3 of the UTF-8 text, lowercase hex. */
export function sm3Hex(text: string): string {
  if (native) return createHash('sm3').update(text, 'utf8').digest('hex');
  return sm3js(text);
}
