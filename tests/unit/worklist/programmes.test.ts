import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../electron/services/catalog';
import { resourcesDir } from '../../../electron/services/certificates/resources';
import { checkProgramme, readProgrammes } from '../../../electron/services/worklist/programmes';
import { programmeSchema } from '../../../electron/services/worklist/programme-schema';
import { birthRange } from '../../../electron/services/worklist/build';

const catalog = loadCatalog(join(resourcesDir(), 'catalog'));
const good = {
  code: 'x',
  names: { zh: '测', en: 'x' },
  item: 'senior-card',
  output: 'card',
  population: {
    turningAge: 'seniorAge',
    withinDays: 30,
    held: ['111001'],
    notHeld: ['115002'],
    fields: ['name', 'birth'],
  },
  rules: [{ id: 'r', label: { zh: '测', en: 'x' }, when: 'card.age >= 0' }],
};
const problems = (over: Record<string, unknown>) =>
  checkProgramme(programmeSchema.parse({ ...good, ...over }), 'x.json', catalog).problems;

describe('programmes', () => {
  it('the shipped ones are valid', () => {
    const r = readProgrammes(catalog);
    expect(r.problems).toEqual([]);
    expect(r.programmes.map((p) => p.code).sort()).toEqual([
      'longevity-80',
      'senior-card-65',
      'severe-disability-care',
    ]);
  });

  it('names what is wrong', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ item: 'nope' })[0]).toMatch(/not in resources\/catalog/);
    expect(problems({ output: 'application' })[0]).toMatch(/not one of the item's outputs/);
    expect(
      problems({ rules: [{ id: 'r', label: good.rules[0]!.label, when: 'lic.disability.grade == "一级"' }] })[0],
    ).toMatch(/asks for no lic.114001/);
    expect(problems({ rules: [{ id: 'r', label: good.rules[0]!.label, when: 'card.sex == "男"' }] })[0]).toMatch(
      /lacks sex/,
    );
    expect(problems({ rules: [{ id: 'r', label: good.rules[0]!.label, when: 'process.exit()' }] })[0]).toMatch(
      /invalid/,
    );
    expect(problems({ population: { ...good.population, fields: ['name', 'address'] } })[0]).toMatch(/visit is false/);
    expect(problems({ population: { ...good.population, fields: ['name', 'lic.114001.grade'] } })[0]).toMatch(
      /not in population.held/,
    );
    expect(problems({ population: { ...good.population, turningAge: 'nope' } })[0]).toMatch(/no number param/);
    expect(() => programmeSchema.parse({ ...good, extra: 1 })).toThrow();
  });

  it('the birth range covers exactly those who turn the age within the window', () => {
    expect(birthRange('2026-12-01', 65, 60)).toEqual({ birthFrom: '1961-12-01', birthTo: '1962-01-30' });
  });
});
