import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogError, getItem, loadCatalog, printedOf } from '../../../electron/services/catalog';

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
  it('loads the shipped items, the first three with their templates, pages and params', () => {
    const c = loadCatalog(shipped);
    expect(c.items.length).toBeGreaterThanOrEqual(40);
    expect(c.items.map((i) => i.code)).toEqual(
      expect.arrayContaining(['clean-energy-check', 'household-verification', 'senior-card']),
    );
    const senior = getItem(c, 'senior-card');
    expect(senior).toMatchObject({
      department: 'CAB',
      params: { seniorAge: 60 },
      photo: { type: '111001', field: 'photo' },
    });
    expect(printedOf(senior)).toMatchObject({ kind: 'card', template: 'senior-card', page: 'card' });
    expect(getItem(c, 'clean-energy-check').initials).toEqual(expect.arrayContaining(['qjny', 'qjnymgdzhhyzm']));
    expect(getItem(c, 'household-verification').licenses).toEqual([{ type: '111002', required: true }]);
    expect(getItem(c, 'clean-energy-check').evidence.sources).toEqual([
      { kind: 'program-areas', program: 'clean-energy' },
    ]);
    // Defaults from the schema are applied at load.
    expect(getItem(c, 'clean-energy-check').rules.find((r) => r.kind === 'property-at-address')).toMatchObject({
      types: ['113001', '113002'],
    });
    expect(c.departments.get('DPF')?.names.zh).toBe('示范市残疾人联合会');
  });

  it('every item has a department, an item code and what it exempts the citizen from bringing', () => {
    const c = loadCatalog(shipped);
    for (const item of c.items) {
      expect(c.departments.has(item.department), item.code).toBe(true);
      expect(item.itemCode, item.code).toMatch(/^110900-/);
      expect(item.exempts.length, item.code).toBeGreaterThan(0);
    }
    expect(new Set(c.items.map((i) => i.itemCode)).size).toBe(c.items.length);
  });

  it('an application-only item prints no certificate at the counter', () => {
    const item = getItem(loadCatalog(shipped), 'severe-disability-care-allowance');
    expect(item.outputs.map((o) => o.kind)).toEqual(['application', 'receipt']);
    expect(codeOf(() => printedOf(item)).code).toBe('CATALOG_NO_CERTIFICATE');
  });

  it('finds the shipped catalog without a directory argument', () => {
    expect(loadCatalog().items.length).toBeGreaterThanOrEqual(40);
  });

  it('reports an unknown item code as CATALOG_ITEM_NOT_FOUND', () => {
    expect(codeOf(() => getItem(loadCatalog(shipped), 'nope')).code).toBe('CATALOG_ITEM_NOT_FOUND');
  });

  it.each([
    ['an unknown rule kind', { rules: [{ id: 'x', kind: 'moon-phase' }] }, /rules\.0/],
    [
      'a rule reading an unlisted license',
      {
        rules: [
          {
            id: 'p',
            kind: 'expr',
            label: { zh: '甲', en: 'a' },
            when: "lic.resident_id.photo != ''",
            passed: { zh: '甲', en: 'a' },
            failed: { zh: '乙', en: 'b' },
          },
        ],
      },
      /reads license type 111001/,
    ],
    [
      'an unknown license type',
      {
        evidence: {
          licenses: [
            { type: '999999', required: true },
            { type: '111002', required: true },
          ],
        },
      },
      /unknown license type 999999/,
    ],
    [
      'duplicate rule ids',
      {
        rules: [
          { id: 'a', kind: 'card-valid' },
          { id: 'a', kind: 'card-valid' },
        ],
        outputs: [
          {
            kind: 'certificate',
            template: 'household',
            result: (base.outputs as Array<{ result: unknown }>)[0]!.result,
          },
        ],
      },
      /used twice/,
    ],
    [
      'an age rule without its param',
      {
        rules: [
          {
            id: 'a',
            kind: 'expr',
            label: { zh: '甲', en: 'a' },
            when: 'card.age >= params.seniorAge',
            passed: { zh: '甲', en: 'a' },
            failed: { zh: '乙', en: 'b' },
          },
        ],
        outputs: [
          {
            kind: 'certificate',
            template: 'household',
            result: (base.outputs as Array<{ result: unknown }>)[0]!.result,
          },
        ],
        params: {},
      },
      /params\.seniorAge/,
    ],
    [
      'a fact referring to a missing rule',
      {
        outputs: [
          {
            kind: 'certificate',
            template: 'household',
            facts: [{ key: 'x', from: 'check-detail', check: 'ghost', label: { zh: '甲', en: 'x' } }],
            result: (base.outputs as Array<{ result: unknown }>)[0]!.result,
          },
        ],
      },
      /ghost/,
    ],
    ['hand-typed initials', { initials: ['hj'] }, /initials|Unrecognized/],
    [
      'a bad page size',
      {
        outputs: [
          {
            kind: 'certificate',
            template: 'household',
            page: 'A5',
            result: (base.outputs as Array<{ result: unknown }>)[0]!.result,
          },
        ],
      },
      /page/,
    ],
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
    expect(codeOf(() => loadCatalog(catalogWith([base, { ...base, code: 'other' }]))).message).toMatch(/事项编码/);
    const broken = catalogWith([]);
    writeFileSync(join(broken, 'items', 'x.json'), '{ "code": ');
    expect(codeOf(() => loadCatalog(broken)).code).toBe('CATALOG_INVALID');
    expect(codeOf(() => loadCatalog(catalogWith([]))).code).toBe('CATALOG_EMPTY');
    expect(codeOf(() => loadCatalog(join(tmpdir(), 'no-such-catalog-dir'))).code).toBe('CATALOG_READ_FAILED');
  });
});
