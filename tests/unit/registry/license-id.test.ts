import { describe, expect, it } from 'vitest';
import { buildLicenseId, mod3736Check, mod3736Valid, parseLicenseId } from '../../../protocol/license-id';

describe('ISO 7064 MOD 37,36', () => {
  // Hand-computed: P starts at 36; per char S = (P + v) mod 36 (0 -> 36), P = 2S mod 37; check = (37 - P) mod 36.
  it.each([
    ['A', 'H'], // S=46 mod 36=10, P=20, check 17
    ['0', '2'], // S=36 -> 36, P=72 mod 37=35, check 2
    ['12', 'T'], // '1': S=1,P=2; '2': S=4,P=8; check 29
    ['B7', 'G'], // 'B': S=47 mod 36=11,P=22; '7': S=29,P=58 mod 37=21; check 16 = G
  ])('check char of %s is %s', (data, check) => {
    expect(mod3736Check(data)).toBe(check);
    expect(mod3736Valid(data + check)).toBe(true);
  });

  it('rejects every wrong check character', () => {
    const wrong = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').filter((c) => c !== 'T');
    for (const c of wrong) expect(mod3736Valid('12' + c)).toBe(false);
  });

  it('catches a single changed character and an adjacent swap', () => {
    const id = buildLicenseId({ typeCode: '111001', issuerCode: 'DMPSB01', serial: '2430599', version: '001' });
    expect(parseLicenseId(id)).toEqual({
      typeCode: '111001',
      issuerCode: 'DMPSB01',
      serial: '2430599',
      version: '001',
    });
    expect(parseLicenseId(id.replace('2430599', '2430598'))).toBeNull();
    expect(parseLicenseId(id.replace('2430599', '2430959'))).toBeNull();
  });
});

describe('license identifiers', () => {
  it('builds the documented shape', () => {
    const id = buildLicenseId({ typeCode: '113002', issuerCode: 'DMNRB01', serial: '1000042', version: '001' });
    expect(id).toMatch(/^1\.2\.156\.3005\.2\.113002\.DMNRB01\.1000042\.001\.[0-9A-Z]$/);
    expect(mod3736Valid(id.replace(/\./g, ''))).toBe(true);
  });

  it('refuses malformed parts', () => {
    expect(() => buildLicenseId({ typeCode: '111001', issuerCode: 'dm-psb', serial: '1', version: '001' })).toThrow(
      /issuerCode/,
    );
    expect(() => buildLicenseId({ typeCode: '111001', issuerCode: 'DMPSB01', serial: '1', version: '1' })).toThrow(
      /version/,
    );
    expect(parseLicenseId('1.2.156.3005.2.111001.DMPSB01.1000000.001')).toBeNull();
    expect(parseLicenseId('not an id')).toBeNull();
  });
});
