import { beforeAll, describe, expect, it } from 'vitest';
import { BatchError, type BatchItem } from '../../../electron/services/batch';
import { decodeChecks, encodeChecks } from '../../../electron/services/batch/row-codec';
import { getItem, loadCatalog } from '../../../electron/services/catalog';
import type { CheckResult } from '../../../electron/services/rules';
import { SandboxData } from '../../../sandbox/data';
import { evaluatedRows } from '../../helpers/batch-checks';
import { schoolList } from '../../helpers/school-list';

const TODAY = '2026-11-23';
const NOW = new Date(`${TODAY}T10:00:00+08:00`);

let data: SandboxData;
let school: BatchItem;
let senior: BatchItem;
let schoolRows: ReturnType<typeof evaluatedRows>;

beforeAll(() => {
  data = new SandboxData({ residents: 3_000, today: TODAY });
  const catalog = loadCatalog();
  school = getItem(catalog, 'school-enrolment');
  senior = getItem(catalog, 'senior-card');
  const list = schoolList(data.world, TODAY, { real: 40 });
  const lines = [
    ...list.families.map((f, i) => (i % 9 === 4 ? { child: f.child, father: f.father } : f)),
    // A stranger named as the father: that parent's conditions fail.
    { child: list.families[0]!.child, father: list.stranger, mother: list.families[0]!.mother },
  ];
  schoolRows = evaluatedRows(data, school, lines, NOW, { cacheEvery: 5, brokenEvery: 13 });
});

const roundTrip = (checks: CheckResult[], item: BatchItem) => decodeChecks(encodeChecks(checks, item), item, 1);

describe("a batch row's checks, stored compactly", () => {
  it('read back exactly for school enrolment: every result, with and without source, detail and asOf', () => {
    for (const r of schoolRows) expect(roundTrip(r.checks, school)).toStrictEqual(r.checks);
    const all = schoolRows.flatMap((r) => r.checks);
    // The rows exercise what the format has slots for.
    for (const result of ['passed', 'failed', 'unknown'] as const)
      expect(all.some((c) => c.result === result)).toBe(true);
    expect(all.some((c) => !c.source)).toBe(true);
    expect(all.some((c) => c.source?.asOf)).toBe(true);
    expect(all.some((c) => c.detail)).toBe(true);
    expect(all.some((c) => !c.detail)).toBe(true);
  });

  it('read back exactly for the senior card (the card rule left out, as a batch does)', () => {
    // Old enough and not, some with their licenses from the cache or not fetched.
    const card = data.world.residents.filter((p) => p.cardKind === 'resident' && !p.licenseFault);
    const people = [
      ...card.filter((p) => p.birth < '1960').slice(0, 30),
      ...card.filter((p) => p.birth > '1980').slice(0, 30),
    ];
    const rows = evaluatedRows(
      data,
      senior,
      people.map((child) => ({ child })),
      NOW,
      { cacheEvery: 4, brokenEvery: 7 },
    );
    expect(new Set(rows.map((r) => r.outcome))).toEqual(new Set(['passed', 'failed', 'unknown']));
    for (const r of rows) expect(roundTrip(r.checks, senior)).toStrictEqual(r.checks);
  });

  it('keep what the item does not say: a rule it lacks, another kind, another label', () => {
    const c = schoolRows[0]!.checks;
    const odd: CheckResult[] = [
      { ...c[0]!, id: 'gone-rule', kind: 'household-member', label: { zh: '旧条件', en: 'Old condition' } },
      { ...c[1]!, kind: 'property-at-address' },
      { ...c[2]!, label: { zh: '改过的标签', en: 'A relabelled check' } },
      { id: 'bare', kind: 'expr', label: { zh: 'bare', en: 'bare' }, result: 'unknown', sentence: { zh: '', en: '' } },
      { ...c[3]!, detail: { zh: '父亲', en: 'father' } },
    ];
    delete odd[4]!.source;
    expect(roundTrip(odd, school)).toStrictEqual(odd);
  });

  it('give a check whose rule the item no longer has its id as label and kind expr', () => {
    const checks = schoolRows[0]!.checks;
    const text = encodeChecks(checks, school);
    const fewer = { ...school, rules: school.rules.filter((r) => r.id !== 'child-age') };
    const back = decodeChecks(text, fewer, 1);
    const age = back.find((c) => c.id === 'child-age')!;
    expect(age).toMatchObject({ label: { zh: 'child-age', en: 'child-age' }, kind: 'expr' });
    const want = checks.find((c) => c.id === 'child-age')!;
    expect({ ...age, label: want.label }).toStrictEqual(want);
    expect(back.filter((c) => c.id !== 'child-age')).toStrictEqual(checks.filter((c) => c.id !== 'child-age'));
  });

  it('read a row written before the format (a plain CheckResult[]) as it is', () => {
    const checks = schoolRows[1]!.checks;
    expect(decodeChecks(JSON.stringify(checks), school, 1)).toStrictEqual(checks);
  });

  it('are at least 40% smaller for a school row', () => {
    const before = schoolRows.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r.checks)), 0) / schoolRows.length;
    const after =
      schoolRows.reduce((n, r) => n + Buffer.byteLength(encodeChecks(r.checks, school)), 0) / schoolRows.length;
    console.info(
      `school row checks: ${Math.round(before)} B as CheckResult[] JSON, ${Math.round(after)} B compact (${Math.round((1 - after / before) * 100)}% smaller), over ${schoolRows.length} rows`,
    );
    expect(after).toBeLessThanOrEqual(before * 0.6);
  });

  it('refuse hostile stored JSON with BATCH_ROW_DAMAGED and the line', () => {
    const good = JSON.parse(encodeChecks(schoolRows[0]!.checks, school)) as { v: number; s: unknown[]; c: unknown[][] };
    const bad: Array<[string, unknown]> = [
      ['not JSON', '{"v":2,'],
      ['wrong version', { ...good, v: 3 }],
      ['no version', { s: good.s, c: good.c }],
      ['a number', 42],
      ['null', null],
      ['source out of range', { ...good, c: [['child-age', 0, 'a', 'b', good.s.length]] }],
      ['negative source', { ...good, c: [['child-age', 0, 'a', 'b', -1]] }],
      ['source not an index', { ...good, c: [['child-age', 0, 'a', 'b', '0']] }],
      ['result code out of range', { ...good, c: [['child-age', 7, 'a', 'b']] }],
      ['check too short', { ...good, c: [['child-age', 0, 'a']] }],
      ['check not a list', { ...good, c: [{ id: 'child-age' }] }],
      ['source malformed', { ...good, s: [[1, 2, 3, 4, 5]] }],
      ['detail malformed', { ...good, c: [['child-age', 0, 'a', 'b', null, ['x']]] }],
      ['own malformed', { ...good, c: [['child-age', 0, 'a', 'b', null, null, { l: 'x' }]] }],
      ['checks missing', { v: 2, s: [] }],
    ];
    for (const [why, doc] of bad) {
      const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
      let err: unknown;
      try {
        decodeChecks(text, school, 17);
      } catch (e) {
        err = e;
      }
      expect(err, why).toBeInstanceOf(BatchError);
      expect((err as BatchError).code, why).toBe('BATCH_ROW_DAMAGED');
      expect((err as BatchError).params, why).toEqual({ line: 17 });
    }
  });
});
