import { describe, expect, it } from 'vitest';
import { createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { createCipher, keyedHash, keyFingerprint, subkey } from '../../../electron/services/crypto/cipher';
import { CryptoError } from '../../../electron/services/crypto/errors';

const key = randomBytes(32);
const c = createCipher(key);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
    return (e as CryptoError).code;
  }
  throw new Error('expected a CryptoError, nothing was thrown');
}

describe('createCipher', () => {
  it('round-trips strings, buffers and empty input', () => {
    expect(c.open(c.seal('张伟明 360426199101010071', 'row:1'), 'row:1').toString('utf8')).toBe(
      '张伟明 360426199101010071',
    );
    const bin = randomBytes(3000);
    expect(c.open(c.seal(bin, 'row:2'), 'row:2').equals(bin)).toBe(true);
    expect(c.open(c.seal('', 'row:3'), 'row:3').length).toBe(0);
  });

  it('uses a fresh nonce each time and a versioned envelope', () => {
    const a = c.seal('same', 'r');
    const b = c.seal('same', 'r');
    expect(a.equals(b)).toBe(false);
    expect(a[0]).toBe(1);
    expect(a.length).toBe(1 + 12 + 4 + 16);
  });

  it('never repeats a nonce across the pool it draws them from, and each envelope opens on its own', () => {
    // Nonces come 512 at a time: 3,000 seals cross several refills.
    const blobs = Array.from({ length: 3000 }, (_, i) => c.seal(`v${i}`, `row:${i}`));
    const nonces = new Set(blobs.map((b) => b.subarray(1, 13).toString('hex')));
    expect(nonces.size).toBe(blobs.length);
    blobs.forEach((b, i) => expect(c.open(b, `row:${i}`).toString('utf8')).toBe(`v${i}`));
    // The envelope is the layout any earlier version wrote: version, nonce, ciphertext, tag.
    const nonce = blobs[7]!.subarray(1, 13);
    const d = createDecipheriv('aes-256-gcm', subkey(key, 'enc'), nonce, { authTagLength: 16 });
    d.setAAD(Buffer.concat([Buffer.of(1), Buffer.from('row:7')]));
    d.setAuthTag(blobs[7]!.subarray(blobs[7]!.length - 16));
    expect(Buffer.concat([d.update(blobs[7]!.subarray(13, blobs[7]!.length - 16)), d.final()]).toString()).toBe('v7');
  });

  it('rejects any altered byte with a typed error instead of returning data', () => {
    const blob = c.seal('a record of some length, long enough to flip bytes in', 'row:9');
    for (let i = 1; i < blob.length; i++) {
      const bad = Buffer.from(blob);
      bad[i]! ^= 0x01;
      expect(codeOf(() => c.open(bad, 'row:9'))).toBe('INTEGRITY');
    }
    const header = Buffer.from(blob);
    header[0] = 2;
    expect(codeOf(() => c.open(header, 'row:9'))).toBe('ENVELOPE_VERSION');
  });

  it('binds the associated data, so a blob moved to another row does not open', () => {
    const blob = c.seal('x', 'license_cache|row-a');
    expect(codeOf(() => c.open(blob, 'license_cache|row-b'))).toBe('INTEGRITY');
  });

  it('refuses a blob written with another key', () => {
    const other = createCipher(randomBytes(32));
    expect(codeOf(() => other.open(c.seal('x', 'r'), 'r'))).toBe('INTEGRITY');
  });

  it('reports truncated blobs and bad keys clearly', () => {
    expect(codeOf(() => c.open(Buffer.alloc(10), 'r'))).toBe('ENVELOPE_MALFORMED');
    expect(codeOf(() => createCipher(randomBytes(16)))).toBe('KEY_INVALID');
    expect(codeOf(() => keyedHash(Buffer.alloc(31), 'x'))).toBe('KEY_INVALID');
  });
});

describe('keyedHash', () => {
  it('is deterministic per key, hex, and differs across keys', () => {
    const h = keyedHash(key, '360426199101010071');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash(key, '360426199101010071')).toBe(h);
    expect(c.keyedHash('360426199101010071')).toBe(h);
    expect(keyedHash(randomBytes(32), '360426199101010071')).not.toBe(h);
    expect(keyedHash(key, '360426199101010072')).not.toBe(h);
  });

  it('uses a derived subkey, not the data key itself', () => {
    const direct = createHmac('sha256', key).update('360426199101010071').digest('hex');
    expect(keyedHash(key, '360426199101010071')).not.toBe(direct);
  });

  it('gives a stable fingerprint that does not reveal the key', () => {
    expect(keyFingerprint(key)).toBe(keyFingerprint(Buffer.from(key)));
    expect(keyFingerprint(key)).not.toBe(keyFingerprint(randomBytes(32)));
    expect(keyFingerprint(key)).not.toContain(key.toString('hex').slice(0, 16));
  });
});
