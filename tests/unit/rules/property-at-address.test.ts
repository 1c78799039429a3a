import { describe, expect, it } from 'vitest';
import {
  ADDRESS,
  baseFacts,
  HEAD,
  homestead,
  householdRegister,
  realEstate,
  SPOUSE,
  STRANGER,
  unverified,
  verified,
} from '../../helpers/cases/fixtures';
import { check } from './helpers';

const household = { kind: 'property-at-address', ownerScope: 'household' };
const applicant = { kind: 'property-at-address', ownerScope: 'applicant' };
const spouseCard = () => ({ ...baseFacts().card, idNumber: SPOUSE.idNumber, name: SPOUSE.name });

describe('rule property-at-address', () => {
  it("passes on the head's homestead for a member when the scope is the household", () => {
    const c = check(household, baseFacts({ card: spouseCard() }));
    expect(c.result).toBe('passed');
    expect(c.sentence.zh).toBe(
      `户籍地址${ADDRESS}有农村宅基地使用权证（证号 京(2010)青山集建字第00018号，权利人 张建国）。`,
    );
    expect(c.source).toMatchObject({ typeCode: '113002', number: '京(2010)青山集建字第00018号' });
  });

  it("fails on the head's homestead for a member when the scope is the applicant", () => {
    const c = check(applicant, baseFacts({ card: spouseCard() }));
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toContain('权利人不是申请人本人');
  });

  it('matches addresses after normalisation (full-width digits, spaces)', () => {
    const c = check(
      household,
      baseFacts({
        licenses: [verified(householdRegister()), verified(realEstate(HEAD, '示范市青山区柳河镇 东庄村１８號'))],
      }),
    );
    expect(c.result).toBe('passed');
    expect(c.source?.typeCode).toBe('113001');
  });

  it('fails with the sentence asking for proof of title when nothing is at the address', () => {
    const c = check(
      household,
      baseFacts({
        licenses: [verified(householdRegister()), verified(homestead(HEAD, '示范市青山区柳河镇东庄村19号'))],
      }),
    );
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toBe(`未查到该地址（${ADDRESS}）的不动产权证书或农村宅基地使用权证，请申请人提供产权证明。`);
  });

  it('fails when the house at the address belongs to someone outside the household', () => {
    const c = check(
      household,
      baseFacts({ licenses: [verified(householdRegister()), verified(homestead({ ...STRANGER }))] }),
    );
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toContain('权利人不是申请人户内成员');
  });

  it('is unknown when the only certificate at the address is unverified', () => {
    const c = check(household, baseFacts({ licenses: [verified(householdRegister()), unverified(homestead())] }));
    expect(c.result).toBe('unknown');
    expect(c.sentence.zh).toContain('无法验证真伪');
  });

  it('is unknown when a property type could not be fetched', () => {
    const c = check(
      household,
      baseFacts({
        licenses: [verified(householdRegister())],
        errors: [{ typeCode: '113002', code: 'REGISTRY_UNAVAILABLE', message: 'down' }],
      }),
    );
    expect(c.result).toBe('unknown');
  });

  it('is unknown without a usable household register (no address to compare)', () => {
    const c = check(household, baseFacts({ licenses: [unverified(householdRegister()), verified(homestead())] }));
    expect(c.result).toBe('unknown');
    expect(c.sentence.zh).toContain('未能确认申请人的户籍地址');
  });

  it('carries the cache date of the property certificate', () => {
    const c = check(
      household,
      baseFacts({
        licenses: [verified(householdRegister()), verified(homestead(), 'cache', '2025-11-18T00:00:00.000Z')],
      }),
    );
    expect(c.source?.asOf).toBe('2025-11-18T00:00:00.000Z');
    expect(c.sentence.en).toContain('cached data as of');
  });
});
