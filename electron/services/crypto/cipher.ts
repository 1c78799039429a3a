import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync } from 'node:crypto';
import { CryptoError } from './errors';

/**
 * AES-256-GCM, not SM4: node:crypto here has no SM4-GCM (only ecb/cbc/ctr/…, which would need a
 * hand-built MAC), and Electron's BoringSSL has no SM4/SM3 at all, so AES-GCM + HMAC-SHA256 is
 * the only choice that behaves the same in the web host (Node/OpenSSL) and the desktop
 * (Electron/BoringSSL), and it is hardware-accelerated on every x86/ARM counter PC.
 */
const ALG = 'aes-256-gcm';
export const KEY_BYTES = 32;
export const ENVELOPE_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1;
const MIN_BLOB = HEADER_BYTES + NONCE_BYTES + TAG_BYTES;
const HKDF_SALT = Buffer.from('counter-terminal/data-key/v1');

/** Seals and opens records; `aad` names where the record lives (table, row key) so rows can't be swapped. */
export interface RecordCipher {
  seal(plaintext: Buffer | string, aad: string): Buffer;
  open(blob: Buffer, aad: string): Buffer;
  /** keyedHash with this cipher's key, without re-deriving the subkey each call. */
  keyedHash(value: string): string;
}

type Purpose = 'enc' | 'lookup' | 'check';
const subkeys = new WeakMap<Buffer, Map<Purpose, Buffer>>();

function assertKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new CryptoError(
      'KEY_INVALID',
      `data key must be ${KEY_BYTES} bytes, got ${Buffer.isBuffer(key) ? key.length : typeof key}; load it with loadOrCreateDataKey()`,
    );
  }
}

// Separate HKDF subkeys so the lookup hash can never be used to forge or read ciphertexts and vice versa.
export function subkey(key: Buffer, purpose: Purpose): Buffer {
  assertKey(key);
  let m = subkeys.get(key);
  if (!m) subkeys.set(key, (m = new Map()));
  let k = m.get(purpose);
  if (!k)
    m.set(purpose, (k = Buffer.from(hkdfSync('sha256', key, HKDF_SALT, `counter-terminal/${purpose}`, KEY_BYTES))));
  return k;
}

/** HMAC-SHA256 (lookup subkey) of a value such as an ID number, as 64 hex chars; equal inputs give equal hashes. */
export function keyedHash(key: Buffer, value: string): string {
  return createHmac('sha256', subkey(key, 'lookup')).update(value, 'utf8').digest('hex');
}

/** A short non-secret fingerprint that tells whether a database was written with this key. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', subkey(key, 'check')).update('key-check').digest('hex').slice(0, 32);
}

// The version byte is authenticated too, so a blob can't be replayed under another envelope format.
const aadBytes = (version: number, aad: string) => Buffer.concat([Buffer.of(version), Buffer.from(aad, 'utf8')]);

/**
 * Random nonces drawn from a pool filled 512 at a time: one call into the OS's generator per 512
 * seals instead of one per seal (it was ~10% of a batch line's sealing). Each nonce is used once
 * and copied out before the pool is refilled; a worker thread has its own module and pool.
 */
const NONCE_POOL = 512;
let noncePool = Buffer.alloc(0);
let nonceAt = 0;
function nextNonce(): Buffer {
  if (nonceAt + NONCE_BYTES > noncePool.length) {
    noncePool = randomFillSync(Buffer.allocUnsafe(NONCE_BYTES * NONCE_POOL));
    nonceAt = 0;
  }
  const n = noncePool.subarray(nonceAt, nonceAt + NONCE_BYTES);
  nonceAt += NONCE_BYTES;
  return n;
}

/**
 * Envelope v1: [0x01][96-bit random nonce][ciphertext][128-bit tag]. Random nonces are safe far
 * beyond this app's volume (2^32 seals per key). A future v2 can add a key id for rotation.
 */
export function createCipher(key: Buffer): RecordCipher {
  const encKey = subkey(key, 'enc');
  return {
    seal(plaintext, aad) {
      const nonce = nextNonce();
      const c = createCipheriv(ALG, encKey, nonce, { authTagLength: TAG_BYTES });
      c.setAAD(aadBytes(ENVELOPE_VERSION, aad));
      const body = typeof plaintext === 'string' ? c.update(plaintext, 'utf8') : c.update(plaintext);
      c.final(); // GCM is a stream mode: final() adds no bytes, it computes the tag
      // One allocation for the envelope: a batch seals two values a line, thousands a second.
      const out = Buffer.allocUnsafe(HEADER_BYTES + NONCE_BYTES + body.length + TAG_BYTES);
      out[0] = ENVELOPE_VERSION;
      nonce.copy(out, HEADER_BYTES);
      body.copy(out, HEADER_BYTES + NONCE_BYTES);
      c.getAuthTag().copy(out, HEADER_BYTES + NONCE_BYTES + body.length);
      return out;
    },
    open(blob, aad) {
      if (!Buffer.isBuffer(blob) || blob.length < MIN_BLOB) {
        throw new CryptoError(
          'ENVELOPE_MALFORMED',
          `encrypted record is truncated (${Buffer.isBuffer(blob) ? blob.length : 0} bytes); the database is damaged, restore it from a backup`,
        );
      }
      const version = blob[0]!;
      if (version !== ENVELOPE_VERSION) {
        throw new CryptoError(
          'ENVELOPE_VERSION',
          `encrypted record has envelope version ${version}, this app reads ${ENVELOPE_VERSION}; update the app or restore a backup written by this version`,
        );
      }
      const nonce = blob.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
      const tag = blob.subarray(blob.length - TAG_BYTES);
      const d = createDecipheriv(ALG, encKey, nonce, { authTagLength: TAG_BYTES });
      d.setAAD(aadBytes(version, aad));
      d.setAuthTag(tag);
      const body = d.update(blob.subarray(HEADER_BYTES + NONCE_BYTES, blob.length - TAG_BYTES));
      try {
        return Buffer.concat([body, d.final()]);
      } catch (cause) {
        throw new CryptoError(
          'INTEGRITY',
          `encrypted record "${aad}" failed its integrity check: it was altered, moved to another row, or written with a different data key; nothing from it was used. Restore the database or its key from backup, or purge the record and fetch it again`,
          { cause },
        );
      }
    },
    keyedHash: (value) => keyedHash(key, value),
  };
}
