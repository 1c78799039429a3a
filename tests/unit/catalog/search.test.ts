import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog, searchItems } from '../../../electron/services/catalog';

const catalog = loadCatalog(join(__dirname, '../../../resources/catalog'));
const codes = (q: string, ranking = {}) => searchItems(catalog, q, ranking).map((h) => h.item.code);

describe('searchItems', () => {
  it('finds by pinyin initials, full or short, in any case and width', () => {
    expect(codes('qjny')).toEqual(['clean-energy-check']);
    expect(codes('QJNY')).toEqual(['clean-energy-check']);
    expect(codes('ｑｊｎｙ')).toEqual(['clean-energy-check']);
    expect(codes('qjnymgdzhhyzm')).toEqual(['clean-energy-check']);
    expect(codes('mgd')).toEqual(['clean-energy-check']);
    expect(codes('lnr')).toEqual(['senior-card']);
    expect(searchItems(catalog, 'qj')[0]?.match).toBe('initials-prefix');
  });

  it('finds by zh or en name substring and keywords', () => {
    expect(codes('煤改电')).toEqual(['clean-energy-check']);
    expect(codes('户籍')).toEqual(['household-verification']);
    expect(codes('senior')).toEqual(['senior-card']);
    expect(codes('Household')).toEqual(['clean-energy-check', 'household-verification']);
    expect(codes('户口本')).toEqual(['household-verification']);
    expect(codes('不存在的事项')).toEqual([]);
  });

  it('ranks an exact initials match above eligibility and usage', () => {
    // 'hj' is a prefix of household's initials and a name match for nothing else; 'hjzm' is exact.
    const hits = searchItems(catalog, 'hjzm', { eligible: ['senior-card'], usage: { 'senior-card': 99 } });
    expect(hits[0]).toMatchObject({ match: 'initials' });
    expect(hits[0]?.item.code).toBe('household-verification');
  });

  it('ranks eligible items, then frequent ones, then match quality', () => {
    expect(codes('household', { eligible: ['household-verification'] })).toEqual(['household-verification', 'clean-energy-check']);
    expect(codes('', {})).toEqual(['clean-energy-check', 'household-verification', 'senior-card']);
    expect(codes('', { usage: { 'senior-card': 3, 'household-verification': 5 } })).toEqual(['household-verification', 'senior-card', 'clean-energy-check']);
    expect(codes('', { eligible: ['senior-card'], usage: { 'household-verification': 5 } })).toEqual(['senior-card', 'household-verification', 'clean-energy-check']);
    expect(searchItems(catalog, '', { limit: 1 })).toHaveLength(1);
  });
});
