import { describe, expect, it } from 'vitest';
import { sm2 } from 'sm-crypto-v2';
import { canonicalJson, licenseSigningText } from '../../../protocol/canonical';
import { randInt, rng, testSeed } from '../../helpers/rng';
import { createSm2Signer, createSm2Verifier, sm2PrivateKeyFromSeed } from '../../../protocol/sm2';

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 'x', y: '名' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":"名","z":"x"}]},"b":1}',
    );
  });

  it('leaves digitalSign out of the signed text', () => {
    const text = licenseSigningText({ identifier: 'x', digitalSign: { value: 'sig' } } as never);
    expect(text).toBe('{"identifier":"x"}');
  });

  it('refuses values JSON cannot carry exactly', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson([1, undefined])).toThrow(/undefined/);
  });

  // The definition, written plainly: signer and verifier must agree on every byte, so the fast
  // version is held to it over random documents (nested objects and arrays, keys out of order and
  // of other scripts, undefined members, escapes, numbers of every kind).
  const spec = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(spec).join(',')}]`;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${spec(o[k])}`).join(',')}}`;
  };
  const seed = testSeed('canonical JSON');
  it(`gives the definition's text for 2,000 random documents (seed ${seed})`, () => {
    const r = rng(seed);
    const words = ['a', 'B', 'z', '名', '户主', 'é', '"q"', 'back\\slash', 'tab\t', '\u0001', '', '10', '2', '😀'];
    const word = () => words[randInt(r, words.length)]! + (r() < 0.3 ? String(randInt(r, 100)) : '');
    const value = (depth: number): unknown => {
      const k = randInt(r, depth > 3 ? 5 : 8);
      if (k === 0) return null;
      if (k === 1) return r() < 0.5;
      if (k === 2) return [0, -0, 1.5, -3e-7, 1e21, 2 ** 53, randInt(r, 1e6)][randInt(r, 7)];
      if (k <= 4) return word();
      if (k === 5) return Array.from({ length: randInt(r, 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = randInt(r, 6); i > 0; i--) o[word()] = r() < 0.1 ? undefined : value(depth + 1);
      return o;
    };
    for (let i = 0; i < 2000; i++) {
      const doc = value(0);
      expect(canonicalJson(doc)).toBe(spec(doc));
    }
  });
});

describe('SM2-SM3 signatures', () => {
  const priv = sm2PrivateKeyFromSeed('unit-test-issuer');
  const signer = createSm2Signer(priv);
  const msg = canonicalJson({ name: '张建国', idNumber: '110903196803121617' });

  it('interoperates with sm-crypto-v2 hashing (user id 1234567812345678) both ways', () => {
    const sig = signer.sign(msg);
    expect(sm2.doVerifySignature(msg, sig, signer.publicKey, { hash: true, userId: '1234567812345678' })).toBe(true);
    const theirs = sm2.doSignature(msg, priv, { hash: true, publicKey: signer.publicKey });
    expect(createSm2Verifier(signer.publicKey).verify(msg, theirs)).toBe(true);
  });

  it('is deterministic and rejects altered content or garbage', () => {
    const v = createSm2Verifier(signer.publicKey);
    const sig = signer.sign(msg);
    expect(signer.sign(msg)).toBe(sig);
    expect(v.verify(msg.replace('张', '章'), sig)).toBe(false);
    expect(v.verify(msg, 'zz')).toBe(false);
    expect(v.verify(msg, '0'.repeat(128))).toBe(false);
  });

  it('derives distinct valid keys from seeds', () => {
    expect(sm2PrivateKeyFromSeed('a')).not.toBe(sm2PrivateKeyFromSeed('b'));
    expect(sm2.verifyPublicKey(signer.publicKey)).toBe(true);
    expect(() => createSm2Verifier('04' + '11'.repeat(64))).toThrow(/curve/);
  });
});

describe('SM3 without OpenSSL (Electron ships BoringSSL, which has none)', () => {
  it('the pure-JS path gives the native digest and HMAC, for text and bytes', async () => {
    const { createHash, createHmac } = await import('node:crypto');
    const { sm3Portable } = await import('../../../protocol/sm3');
    const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    for (const input of ['', 'abc', '张建国 110903196803121617', 'x'.repeat(1000)]) {
      expect(sm3Portable.digest(input).toString('hex'), input).toBe(
        createHash('sm3').update(input, 'utf8').digest('hex'),
      );
      expect(sm3Portable.hmac(key, input).toString('hex'), input).toBe(
        createHmac('sm3', key).update(input, 'utf8').digest('hex'),
      );
    }
    // The standard's own example: SM3("abc").
    expect(sm3Portable.digest('abc').toString('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(sm3Portable.digest(Buffer.from('a'), 'bc').toString('hex')).toBe(sm3Portable.digest('abc').toString('hex'));
  });
});
