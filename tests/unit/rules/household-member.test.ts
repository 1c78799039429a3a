import { describe, expect, it } from 'vitest';
import {
  baseFacts,
  HEAD,
  householdRegister,
  SPOUSE,
  STRANGER,
  unverified,
  verified,
} from '../../helpers/cases/fixtures';
import { check } from './helpers';

const rule = { kind: 'household-member' };

describe('rule household-member', () => {
  it('passes for a member, naming the household, relation and address, with the register as source', () => {
    const c = check(rule, baseFacts({ card: { ...baseFacts().card, idNumber: SPOUSE.idNumber, name: SPOUSE.name } }));
    expect(c.result).toBe('passed');
    expect(c.sentence.zh).toBe(
      '申请人登记在户号 110903000123 的户内，与户主关系为配偶，户籍地址为示范市青山区柳河镇东庄村18号。',
    );
    expect(c.detail?.zh).toBe('配偶');
    expect(c.source).toMatchObject({
      typeCode: '111002',
      typeName: '居民户口簿',
      number: 'H110903000123',
      issuer: '示范市公安局',
    });
    expect(c.source?.asOf).toBeUndefined();
  });

  it('passes for the head and matches a lower-case x in the ID number', () => {
    const c = check(rule, baseFacts({ card: { ...baseFacts().card, idNumber: HEAD.idNumber.toLowerCase() } }));
    expect(c.result).toBe('passed');
    expect(c.detail?.zh).toBe('户主');
  });

  it('fails when the only verified register does not list the applicant', () => {
    const c = check(rule, baseFacts({ card: { ...baseFacts().card, idNumber: STRANGER.idNumber } }));
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toContain('户口簿中没有申请人');
  });

  it('fails when the registry answered and holds no register', () => {
    const c = check(rule, baseFacts({ licenses: [] }));
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toBe('共享平台未查到申请人的居民户口簿，请申请人提供居民户口簿原件。');
  });

  it('is unknown when the register was requested but not delivered', () => {
    const c = check(rule, baseFacts({ licenses: [], missing: ['111002'] }));
    expect(c.result).toBe('unknown');
    expect(c.sentence.zh).toContain('暂时未能从共享平台取得居民户口簿');
  });

  it('is unknown on a registry error, and says the cache is too old when that is why', () => {
    const timeout = check(
      rule,
      baseFacts({ licenses: [], errors: [{ code: 'REGISTRY_TIMEOUT', message: 'timed out' }] }),
    );
    expect(timeout.result).toBe('unknown');
    expect(timeout.sentence.en).toContain('REGISTRY_TIMEOUT');
    const old = check(
      rule,
      baseFacts({ licenses: [], errors: [{ typeCode: '111002', code: 'CACHE_TOO_OLD', message: 'old' }] }),
    );
    expect(old.result).toBe('unknown');
    expect(old.sentence.zh).toContain('超过最长使用期限');
  });

  it('never takes an unverified register as evidence', () => {
    const c = check(rule, baseFacts({ licenses: [unverified(householdRegister())] }));
    expect(c.result).toBe('unknown');
    expect(c.source).toBeUndefined();
    expect(c.sentence.zh).toBe(
      '居民户口簿（证号 H110903000123）无法验证真伪（电子签名无效），不能作为核验依据；请稍后重试，或请申请人提供居民户口簿原件。',
    );
  });

  it('prefers a verified copy over an unverified one', () => {
    const reg = householdRegister();
    expect(check(rule, baseFacts({ licenses: [unverified(reg), verified(reg)] })).result).toBe('passed');
  });

  it('carries asOf and says so when the register came from the cache', () => {
    const c = check(
      rule,
      baseFacts({ licenses: [verified(householdRegister(), 'cache', '2025-11-19T01:42:00.000Z')] }),
    );
    expect(c.result).toBe('passed');
    expect(c.source?.asOf).toBe('2025-11-19T01:42:00.000Z');
    expect(c.sentence.zh).toMatch(/（本地缓存数据，截至 \d{4}-\d\d-\d\d \d\d:42）$/);
  });
});
