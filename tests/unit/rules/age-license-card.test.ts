import { describe, expect, it } from 'vitest';
import { baseFacts, HEAD, residentId, SPOUSE, unverified, verified } from '../../helpers/cases/fixtures';
import { getItem, loadCatalog } from '../../../electron/services/catalog';
import { check } from './helpers';

// The senior card's age and license checks were rule kinds of their own; they are now expressions
// in the item file, and these tests hold them to the same behaviour and sentences.
const senior = getItem(loadCatalog(), 'senior-card');
const ruleOf = (id: string) => ({ ...senior.rules.find((r) => r.id === id)!, id: 'r' }) as Record<string, unknown>;
const age = ruleOf('senior-age');
const onDay = (birth: string, now: Date) => baseFacts({ card: { ...baseFacts().card, birth }, now });

describe('senior age (expression card.age >= params.seniorAge)', () => {
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

  it('is unknown, never passed, when the parameter is missing at run time (the catalog check refuses such an item)', () => {
    expect(check(age, baseFacts(), {}).result).toBe('unknown');
    expect(check(age, onDay('1965-11-20', new Date(2025, 10, 20, 8)), { seniorAge: '60' }).result).toBe('unknown');
  });

  it('fills the sentence and detail templates with the values', () => {
    const c = check(age, onDay('1960-01-01', new Date(2025, 5, 1)), { seniorAge: 60 });
    expect(c.sentence).toEqual({
      zh: '申请人出生于 1960-01-01，现年 65 周岁，已满 60 周岁。',
      en: 'The applicant was born on 1960-01-01 and is 65, at least 60.',
    });
    expect(c.detail).toEqual({ zh: '65 周岁', en: '65' });
  });
});

describe("resident-ID license with a photo (expression lic.resident_id.photo != '')", () => {
  const rule = ruleOf('resident-id-license');
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
    expect(
      check(rule, baseFacts({ licenses: [], errors: [{ typeCode: '111001', code: 'REGISTRY_TIMEOUT', message: 't' }] }))
        .result,
    ).toBe('unknown');
    expect(
      check(rule, baseFacts({ licenses: [verified(residentId(), 'cache', '2025-11-19T00:00:00.000Z')] })).source?.asOf,
    ).toBe('2025-11-19T00:00:00.000Z');
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
