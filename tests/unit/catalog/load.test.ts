import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogError, getItem, loadCatalog } from '../../../electron/services/catalog';

const shipped = join(__dirname, '../../../resources/catalog');
const base = JSON.parse(readFileSync(join(shipped, 'items/household.json'), 'utf8')) as Record<string, unknown>;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function catalogWith(items: Record<string, unknown>[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'items'));
  items.forEach((it, i) => writeFileSync(join(dir, 'items', `${i}.json`), JSON.stringify(it)));
  return dir;
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogError);
    return { code: (e as CatalogError).code, message: (e as Error).message };
  }
  throw new Error('expected a CatalogError');
};

describe('loadCatalog', () => {
  it('loads the three shipped items with their templates, pages and params', () => {
    const c = loadCatalog(shipped);
    expect(c.items.map((i) => i.code)).toEqual(['clean-energy-check', 'household-verification', 'senior-card']);
    const senior = getItem(c, 'senior-card');
    expect(senior).toMatchObject({ template: 'senior-card', page: 'card', params: { seniorAge: 60 }, photo: { type: '111001', field: 'photo' } });
    expect(getItem(c, 'clean-energy-check').initials).toEqual(expect.arrayContaining(['qjny', 'qjnymgdzhhyzm']));
    expect(getItem(c, 'household-verification').licenses).toEqual([{ type: '111002', required: true }]);
    // Defaults from the schema are applied at load.
    expect(getItem(c, 'clean-energy-check').rules.find((r) => r.kind === 'property-at-address')).toMatchObject({ types: ['113001', '113002'] });
  });

  it('finds the shipped catalog without a directory argument', () => {
    expect(loadCatalog().items.length).toBeGreaterThanOrEqual(3);
  });

  it('reports an unknown item code as CATALOG_ITEM_NOT_FOUND', () => {
    expect(codeOf(() => getItem(loadCatalog(shipped), 'nope')).code).toBe('CATALOG_ITEM_NOT_FOUND');
  });

  it.each([
    ['an unknown rule kind', { rules: [{ id: 'x', kind: 'moon-phase' }] }, /rules\.0/],
    ['a rule reading an unlisted license', { rules: [{ id: 'p', kind: 'license-present', type: '111001' }] }, /reads license type 111001/],
    ['an unknown license type', { licenses: [{ type: '999999', required: true }, { type: '111002', required: true }] }, /unknown license type 999999/],
    ['duplicate rule ids', { rules: [{ id: 'a', kind: 'card-valid' }, { id: 'a', kind: 'card-valid' }], facts: [] }, /used twice/],
    ['an age rule without its param', { licenses: [{ type: '111002', required: true }], rules: [{ id: 'a', kind: 'age-at-least', param: 'seniorAge' }], facts: [], params: {} }, /seniorAge/],
    ['a fact referring to a missing rule', { facts: [{ key: 'x', from: 'check-detail', check: 'ghost', label: { zh: '甲', en: 'x' } }] }, /ghost/],
    ['upper-case initials', { initials: ['HJ'] }, /initials/],
    ['a bad page size', { page: 'A5' }, /page/],
    ['an unknown field', { colour: 'red' }, /colour|Unrecognized/],
  ])('rejects %s with CATALOG_INVALID naming the file and path', (_what, patch, pattern) => {
    const dir = catalogWith([{ ...base, ...patch }]);
    const e = codeOf(() => loadCatalog(dir));
    expect(e.code).toBe('CATALOG_INVALID');
    expect(e.message).toContain('0.json');
    expect(e.message).toMatch(pattern);
  });

  it('rejects duplicate codes, broken JSON, an empty or missing folder', () => {
    expect(codeOf(() => loadCatalog(catalogWith([base, base]))).code).toBe('CATALOG_DUPLICATE_CODE');
    const broken = catalogWith([]);
    writeFileSync(join(broken, 'items', 'x.json'), '{ "code": ');
    expect(codeOf(() => loadCatalog(broken)).code).toBe('CATALOG_INVALID');
    expect(codeOf(() => loadCatalog(catalogWith([]))).code).toBe('CATALOG_EMPTY');
    expect(codeOf(() => loadCatalog(join(tmpdir(), 'no-such-catalog-dir'))).code).toBe('CATALOG_READ_FAILED');
  });
});
