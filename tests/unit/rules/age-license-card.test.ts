import { describe, expect, it } from 'vitest';
import { baseFacts, HEAD, residentId, SPOUSE, unverified, verified } from '../../helpers/cases/fixtures';
import { RuleError } from '../../../electron/services/rules/errors';
import { check } from './helpers';

const age = { kind: 'age-at-least', param: 'seniorAge' };
const onDay = (birth: string, now: Date) => baseFacts({ card: { ...baseFacts().card, birth }, now });

describe('rule age-at-least', () => {
  it('passes on the 60th birthday and fails the day before, saying when to come back', () => {
    expect(check(age, onDay('1965-11-20', new Date(2025, 10, 20, 8)), { seniorAge: 60 }).result).toBe('passed');
    const c = check(age, onDay('1965-11-21', new Date(2025, 10, 20, 8)), { seniorAge: 60 });
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toBe('申请人出生于 1965-11-21，现年 59 周岁，未满 60 周岁；2025-11-21 起可以办理。');
  });

  it('uses the configured threshold', () => {
    expect(check(age, onDay('1960-01-01', new Date(2025, 5, 1)), { seniorAge: 65 }).result).toBe('passed');
    expect(check(age, onDay('1961-01-01', new Date(2025, 5, 1)), { seniorAge: 65 }).result).toBe('failed');
  });

  it('handles a 29 Feb birthday in a common year', () => {
    expect(check(age, onDay('1965-02-28', new Date(2025, 1, 28)), { seniorAge: 60 }).result).toBe('passed');
    expect(check(age, onDay('1964-02-29', new Date(2025, 1, 28)), { seniorAge: 61 }).result).toBe('failed');
    expect(check(age, onDay('1964-02-29', new Date(2025, 2, 1)), { seniorAge: 61 }).result).toBe('passed');
  });

  it('is unknown for an unreadable birth date', () => {
    expect(check(age, onDay('19651399', new Date(2025, 1, 1)), { seniorAge: 60 }).result).toBe('unknown');
  });

  it('throws a RULE_ error when the catalog lacks the parameter', () => {
    expect(() => check(age, baseFacts(), {})).toThrow(RuleError);
    expect(() => check(age, baseFacts(), { seniorAge: '60' })).toThrow(/RULE_PARAM_INVALID|whole-number/);
  });
});

describe('rule license-present', () => {
  const rule = { kind: 'license-present', type: '111001', field: 'photo' };
  it("passes on the applicant's own verified license with a photo", () => {
    const c = check(rule, baseFacts({ licenses: [verified(residentId())] }));
    expect(c.result).toBe('passed');
    expect(c.source).toMatchObject({ typeCode: '111001', number: HEAD.idNumber });
  });
  it("ignores another person's license", () => {
    expect(check(rule, baseFacts({ licenses: [verified(residentId(SPOUSE))] })).result).toBe('failed');
  });
  it('fails when the photo field is empty', () => {
    const c = check(rule, baseFacts({ licenses: [verified(residentId(HEAD, ''))] }));
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toContain('缺少所需信息');
  });
  it('is unknown when unverified, missing or on registry error; asOf when cached', () => {
    expect(check(rule, baseFacts({ licenses: [unverified(residentId())] })).result).toBe('unknown');
    expect(check(rule, baseFacts({ licenses: [], missing: ['111001'] })).result).toBe('unknown');
    expect(check(rule, baseFacts({ licenses: [], errors: [{ typeCode: '111001', code: 'REGISTRY_TIMEOUT', message: 't' }] })).result).toBe('unknown');
    expect(check(rule, baseFacts({ licenses: [verified(residentId(), 'cache', '2025-11-19T00:00:00.000Z')] })).source?.asOf).toBe('2025-11-19T00:00:00.000Z');
  });
});

describe('rule card-valid', () => {
  const rule = { kind: 'card-valid' };
  const card = (validTo: string, now: Date) => baseFacts({ card: { ...baseFacts().card, validTo }, now });
  it('passes through the last day of validity and fails the day after', () => {
    expect(check(rule, card('2025-11-20', new Date(2025, 10, 20, 23, 59))).result).toBe('passed');
    const c = check(rule, card('2025-11-20', new Date(2025, 10, 21, 0, 1)));
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toBe('申请人的证件已于 2025-11-20 过期，请申请人持有效证件办理。');
  });
  it('accepts long-term cards and compact dates; unreadable dates are unknown', () => {
    expect(check(rule, card('长期', new Date(2025, 0, 1))).result).toBe('passed');
    expect(check(rule, card('20300101', new Date(2025, 0, 1))).result).toBe('passed');
    expect(check(rule, card('soon', new Date(2025, 0, 1))).result).toBe('unknown');
  });
});
