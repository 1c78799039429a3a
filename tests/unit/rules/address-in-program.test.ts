import { describe, expect, it } from 'vitest';
import { baseFacts, householdRegister, license, HEAD, unverified, verified } from '../../helpers/cases/fixtures';
import { check } from './helpers';

const rule = { kind: 'address-in-program', program: 'clean-energy' };

describe('rule address-in-program', () => {
  it('passes when the area code is listed', () => {
    const c = check(rule, baseFacts());
    expect(c.result).toBe('passed');
    expect(c.detail?.zh).toBe('青山区柳河镇东庄村');
    expect(c.source?.typeCode).toBe('111002');
  });

  it('passes when a whole town is listed by its shorter code', () => {
    const reg = householdRegister('示范市白云县白云镇上营村3号');
    reg.surface.areaCode = '110904001002';
    expect(check(rule, baseFacts({ licenses: [verified(reg)] })).result).toBe('passed');
  });

  it('falls back to the area name in the address when the register has no area code', () => {
    const reg = householdRegister('示范市青山区柳河镇东庄村１８号');
    reg.surface.areaCode = '';
    expect(check(rule, baseFacts({ licenses: [verified(reg)] })).result).toBe('passed');
  });

  it('fails for an area outside the program', () => {
    const reg = householdRegister('示范市北山县北山镇北山村6号');
    reg.surface.areaCode = '110905001001';
    const c = check(rule, baseFacts({ licenses: [verified(reg)] }));
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toBe('户籍地址示范市北山县北山镇北山村6号不在实施范围内，不能出具本证明。');
  });

  it('does not let a code prefix match a longer listed code', () => {
    const reg = householdRegister();
    reg.surface.areaCode = '110903';
    expect(check(rule, baseFacts({ licenses: [verified(reg)] })).result).toBe('failed');
  });

  it('is unknown when the program list could not be fetched', () => {
    expect(check(rule, baseFacts({ programAreas: {} })).result).toBe('unknown');
    expect(check(rule, baseFacts({ programAreas: undefined })).sentence.zh).toContain('未能取得实施范围名单');
  });

  it('is unknown when the household register is unverified or missing', () => {
    expect(check(rule, baseFacts({ licenses: [unverified(householdRegister())] })).result).toBe('unknown');
    expect(check(rule, baseFacts({ licenses: [], missing: ['111002'] })).result).toBe('unknown');
  });

  it('ignores a register that does not list the applicant', () => {
    const other = license('111002', { name: '某', idNumber: '110903199001010011' }, 'H2', {
      address: '示范市青山区柳河镇东庄村2号',
      areaCode: '110903001001',
      headIdNumber: '110903199001010011',
      members: [],
    });
    const c = check(
      rule,
      baseFacts({ licenses: [verified(other)], card: { ...baseFacts().card, idNumber: HEAD.idNumber } }),
    );
    expect(c.result).toBe('unknown');
  });

  it('carries asOf from a cached register', () => {
    const c = check(
      rule,
      baseFacts({ licenses: [verified(householdRegister(), 'cache', '2025-11-01T00:00:00.000Z')] }),
    );
    expect(c.source?.asOf).toBe('2025-11-01T00:00:00.000Z');
  });
});
