import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../../electron/services/catalog';

const ROOT = join(__dirname, '../../..');
const shipped = join(ROOT, 'resources/catalog');
// Item files as plain JSON: the cases below break them on purpose, so no item type applies.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const read = (f: string) => JSON.parse(readFileSync(join(shipped, 'items', f), 'utf8')) as Json;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A catalog folder with these items and, beside it, a templates folder holding only `templates`. */
function catalogWith(
  items: Record<string, unknown>[],
  templates = ['household', 'senior-card', 'clean-energy'],
): string {
  const root = mkdtempSync(join(tmpdir(), 'catalog-check-'));
  dirs.push(root);
  mkdirSync(join(root, 'catalog', 'items'), { recursive: true });
  mkdirSync(join(root, 'templates'));
  for (const t of templates)
    copyFileSync(join(ROOT, 'resources/templates', `${t}.json`), join(root, 'templates', `${t}.json`));
  items.forEach((it, i) => writeFileSync(join(root, 'catalog', 'items', `${i}.json`), JSON.stringify(it)));
  return join(root, 'catalog');
}

const cli = (...args: string[]) =>
  spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'electron/cli/catalog.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );

describe('npm run catalog -- check', () => {
  it('passes on the shipped catalog', () => {
    const r = cli('check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/catalog ok: \d+ items/);
    expect(Number(/(\d+) items/.exec(r.stdout)![1])).toBeGreaterThanOrEqual(40);
  }, 60_000);

  it('fails, listing every problem with its file, on a bad catalog', () => {
    const care = read('severe-disability-care-allowance.json');
    const dir = catalogWith([
      { ...care, colour: 'red' },
      { ...care, code: 'x2', itemCode: '110900-X-0002', evidence: { licenses: [{ type: '111002', required: true }] } },
    ]);
    const r = cli('check', '--dir', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/0\.json.*colour/);
    expect(r.stderr).toMatch(/1\.json.*reads license type 114001/);
    expect(r.stderr).toMatch(/problem\(s\)/);
  }, 60_000);

  it('refuses a usage error', () => {
    expect(cli('frobnicate').status).toBe(2);
  }, 60_000);
});

describe('catalog check: each kind of mistake is caught', () => {
  const care = read('severe-disability-care-allowance.json');
  const clean = read('clean-energy.json');
  const senior = read('senior-card.json');
  const problems = (item: Record<string, unknown>, templates?: string[]) =>
    readCatalog(catalogWith([item], templates)).problems.join('\n');

  it('the shipped items as they are have none', () => {
    expect(problems(care)).toBe('');
    expect(problems(clean)).toBe('');
    expect(problems(senior)).toBe('');
    expect(problems(read('school-enrolment.json'))).toBe('');
  });

  it.each<[string, () => Record<string, unknown>, RegExp]>([
    ['an unknown field', () => ({ ...care, colour: 'red' }), /colour/],
    [
      'an unknown field in a rule',
      () => ({ ...care, rules: [...care.rules, { id: 'x', kind: 'card-valid', colour: 1 }] }),
      /rules\.\d+.*colour|Unrecognized/,
    ],
    [
      'an unknown license type',
      () => ({ ...care, evidence: { licenses: [...care.evidence.licenses, { type: '999999', required: false }] } }),
      /unknown license type 999999/,
    ],
    [
      'an expression reading a license the item does not fetch',
      () => ({ ...care, evidence: { licenses: [{ type: '111002', required: true }] } }),
      /reads license type 114001/,
    ],
    [
      'a sentence template reading a license the item does not fetch',
      () => ({
        ...care,
        rules: care.rules.map((r: Json) =>
          r.kind === 'expr' ? { ...r, passed: { zh: '{{lic.low_income.monthlyAmount}}', en: 'x' } } : r,
        ),
      }),
      /reads license type 115001/,
    ],
    [
      'a built-in rule reading a license the item does not fetch',
      () => ({
        ...care,
        evidence: { licenses: [{ type: '114001', required: true }] },
        form: undefined,
        outputs: care.outputs,
      }),
      /reads license type 111002/,
    ],
    [
      'a program not declared as an evidence source',
      () => ({ ...clean, evidence: { licenses: clean.evidence.licenses } }),
      /program "clean-energy".*not an evidence source/,
    ],
    [
      'earlier cases not declared as an evidence source',
      () => ({
        ...care,
        rules: [
          ...care.rules,
          {
            id: 'once',
            kind: 'expr',
            label: { zh: '甲', en: 'a' },
            when: 'size(cases) == 0',
            passed: { zh: '甲', en: 'a' },
            failed: { zh: '乙', en: 'b' },
          },
        ],
      }),
      /reads `cases`/,
    ],
    [
      'an expression naming an unknown field',
      () => ({
        ...care,
        rules: [
          ...care.rules,
          {
            id: 'g',
            kind: 'expr',
            label: { zh: '甲', en: 'a' },
            when: "lic.disability.colour == ''",
            passed: { zh: '甲', en: 'a' },
            failed: { zh: '乙', en: 'b' },
          },
        ],
      }),
      /no field "colour"/,
    ],
    [
      'an expression reading a param the item does not set',
      () => ({
        ...care,
        rules: [
          ...care.rules,
          {
            id: 'p',
            kind: 'expr',
            label: { zh: '甲', en: 'a' },
            when: 'card.age >= params.minAge',
            passed: { zh: '甲', en: 'a' },
            failed: { zh: '乙', en: 'b' },
          },
        ],
      }),
      /params\.minAge/,
    ],
    [
      "a rule about a parent without the parent's list column",
      () => ({ ...read('school-enrolment.json'), listColumns: ['fatherIdNumber'] }),
      /rule "mother-same-household" reads the mother, so listColumns must name "motherIdNumber"/,
    ],
    [
      'a list column no rule reads',
      () => ({ ...senior, listColumns: ['fatherIdNumber'] }),
      /listColumns\.0: "fatherIdNumber" is named, but no rule reads that subject/,
    ],
    ['an unknown list column', () => ({ ...senior, listColumns: ['uncleIdNumber'] }), /listColumns/],
    [
      'a form field without a source',
      () => ({ ...care, form: { fields: [{ ...care.form.fields[0], source: [] }] } }),
      /form\.fields\.0\.source/,
    ],
    [
      'a form field from a license the item does not fetch',
      () => ({
        ...care,
        form: {
          fields: [
            ...care.form.fields,
            {
              key: 'pension',
              label: { zh: '养老金', en: 'Pension' },
              type: 'number',
              source: [{ from: 'license', type: '116002', field: 'monthlyAmount' }],
            },
          ],
        },
      }),
      /source license type 116002/,
    ],
    [
      'a form field from an unknown hall default',
      () => ({
        ...care,
        form: {
          fields: [
            ...care.form.fields,
            { key: 'hallX', label: { zh: '甲', en: 'a' }, type: 'text', source: [{ from: 'hall', key: 'nope' }] },
          ],
        },
      }),
      /hall default "nope"/,
    ],
    [
      'a select field without options',
      () => ({
        ...care,
        form: {
          fields: [
            ...care.form.fields,
            { key: 'pick', label: { zh: '甲', en: 'a' }, type: 'select', source: [{ from: 'clerk' }] },
          ],
        },
      }),
      /select field needs options/,
    ],
    ['an application without a form', () => ({ ...care, form: undefined }), /an application needs a form/],
    ['an unknown department', () => ({ ...care, department: 'MOON' }), /unknown department "MOON"/],
    [
      'an unknown receiving department',
      () => ({ ...care, outputs: [{ kind: 'application', departments: ['MOON'] }, care.outputs[1]] }),
      /outputs\.0\.departments\.0/,
    ],
    [
      'a missing template',
      () => ({ ...clean, outputs: [{ ...clean.outputs[0], template: 'no-such-template' }] }),
      /template "no-such-template" is not in/,
    ],
    [
      'an exemption by a license the item does not fetch',
      () => ({ ...care, exempts: [{ name: { zh: '结婚证', en: 'Marriage' }, license: '115003' }] }),
      /exempts\.0/,
    ],
    [
      'a photo from a license the item does not fetch',
      () => ({
        ...senior,
        evidence: { licenses: [{ type: '115002', required: false }] },
        rules: senior.rules.filter((r: Json) => r.id !== 'resident-id-license'),
      }),
      /photo comes from license type 111001/,
    ],
  ])('%s', (_what, make, pattern) => {
    expect(problems(make())).toMatch(pattern);
  });
});
