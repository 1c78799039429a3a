import { describe, expect, it } from 'vitest';
import {
  bySubject,
  effectiveMapping,
  firstItem,
  mappingProblems,
  personVerdicts,
} from '../../../renderer/src/batch/columns';
import { malformedIds, missingColumns } from '../../../electron/services/batch/mapping';
import { idCheckDigit } from '../../../protocol/id-number';

const PARENTS = ['fatherIdNumber', 'motherIdNumber'] as const;
const item = (code: string, columns: Array<(typeof PARENTS)[number]>) => ({
  code,
  names: { zh: code, en: code },
  columns,
  conditions: [],
});

describe('the batch screen: column mapping', () => {
  it("lists the required columns not chosen, the item's parent columns included", () => {
    expect(mappingProblems({ idNumber: 2 }, [])).toEqual({ missing: ['name'], twice: [] });
    expect(mappingProblems({ idNumber: 2, name: 1, fatherIdNumber: 3 }, PARENTS).missing).toEqual(['motherIdNumber']);
    expect(mappingProblems({ idNumber: 2, name: 1 }, PARENTS).missing).toEqual(PARENTS);
    expect(mappingProblems({ idNumber: 2, name: 1, fatherIdNumber: 3, motherIdNumber: 4 }, PARENTS).missing).toEqual(
      [],
    );
  });

  it('finds one column chosen for two fields, parents too', () => {
    expect(mappingProblems({ idNumber: 2, name: 1, fatherIdNumber: 2 }, []).twice).toEqual([
      ['idNumber', 'fatherIdNumber'],
    ]);
    expect(mappingProblems({ idNumber: 2, name: 1, fatherIdNumber: 3, motherIdNumber: 3 }, PARENTS).twice).toEqual([
      ['fatherIdNumber', 'motherIdNumber'],
    ]);
  });

  it("sends the parents' columns only for an item that reads them", () => {
    const m = { idNumber: 2, name: 1, fatherIdNumber: 3, motherIdNumber: 4 };
    expect(effectiveMapping(m, [])).toEqual({ idNumber: 2, name: 1 });
    expect(effectiveMapping(m, PARENTS)).toEqual(m);
    expect(effectiveMapping({ name: 1 }, PARENTS)).toBeUndefined();
    expect(missingColumns(PARENTS, { idNumber: 0, name: 1, motherIdNumber: 4 })).toEqual(['fatherIdNumber']);
  });

  it('offers first an item that reads the parents when the header names them', () => {
    const items = [item('senior-card', []), item('school-enrolment', [...PARENTS])];
    expect(firstItem(items, { idNumber: 1, name: 0, fatherIdNumber: 2 })).toBe('school-enrolment');
    expect(firstItem(items, { idNumber: 1, name: 0 })).toBe('senior-card');
    expect(firstItem([], {})).toBeUndefined();
  });
});

describe('the batch screen: whose a condition is', () => {
  const conds = [
    { id: 'age', subject: undefined },
    { id: 'f1', subject: 'father' as const },
    { id: 'm1', subject: 'mother' as const },
    { id: 'home' },
    { id: 'f2', subject: 'father' as const },
  ];
  const check = (id: string, result: 'passed' | 'failed' | 'unknown') => ({
    id,
    label: { zh: id, en: id },
    result,
    sentence: { zh: '', en: '' },
  });

  it("groups the conditions by person, the applicant's first, in the item's order", () => {
    expect(bySubject(conds).map(([w, cs]) => [w, cs.map((c) => c.id)])).toEqual([
      ['applicant', ['age', 'home']],
      ['father', ['f1', 'f2']],
      ['mother', ['m1']],
    ]);
    expect(bySubject<{ id: string; subject?: 'father' | 'mother' }>([{ id: 'a' }]).map(([w]) => w)).toEqual([
      'applicant',
    ]);
  });

  it('gives each person failed before unknown before passed, with counts', () => {
    const v = personVerdicts(
      [
        check('age', 'passed'),
        check('home', 'passed'),
        check('f1', 'unknown'),
        check('f2', 'failed'),
        check('m1', 'unknown'),
      ],
      conds,
    );
    expect(v).toEqual({
      applicant: { result: 'passed', failed: 0, unknown: 0 },
      father: { result: 'failed', failed: 1, unknown: 1 },
      mother: { result: 'unknown', failed: 0, unknown: 1 },
    });
    expect(personVerdicts([], conds)).toEqual({});
  });
});

describe('batch mapping: whose number is malformed', () => {
  const valid = (first17: string) => first17 + idCheckDigit(first17)!;
  const child = valid('11010520190512001');
  const father = valid('11010519850301003');
  const wrong = (id: string) => id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
  const day = '2026-12-01';

  it('names each malformed number, and none for empty or well-formed ones', () => {
    expect(malformedIds({ idNumber: child, name: 'a', fatherIdNumber: father }, day)).toEqual([]);
    expect(malformedIds({ idNumber: child, name: 'a', fatherIdNumber: wrong(father) }, day)).toEqual([
      'fatherIdNumber',
    ]);
    expect(
      malformedIds({ idNumber: wrong(child), name: 'a', fatherIdNumber: father, motherIdNumber: '12345' }, day),
    ).toEqual(['idNumber', 'motherIdNumber']);
    expect(malformedIds({ idNumber: '', name: 'a' }, day)).toEqual([]);
  });
});
