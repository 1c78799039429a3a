import { describe, expect, it } from 'vitest';
import { sm2 } from 'sm-crypto-v2';
import { canonicalJson, licenseSigningText } from '../../../protocol/canonical';
import { createSm2Signer, createSm2Verifier, sm2PrivateKeyFromSeed } from '../../../protocol/sm2';

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 'x', y: '名' }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":"名","z":"x"}]},"b":1}');
  });

  it('leaves digitalSign out of the signed text', () => {
    const text = licenseSigningText({ identifier: 'x', digitalSign: { value: 'sig' } } as never);
    expect(text).toBe('{"identifier":"x"}');
  });

  it('refuses values JSON cannot carry exactly', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(/function/);
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
