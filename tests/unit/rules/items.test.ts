import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getItem, loadCatalog, printedOf } from '../../../electron/services/catalog';
import { certificateDataSchema } from '../../../electron/services/certificates/types';
import {
  certificateChecks,
  certificateFacts,
  certificatePhoto,
  evaluate,
  evaluators,
  followUpFetches,
} from '../../../electron/services/rules';
import {
  baseFacts,
  HEAD,
  homestead,
  householdRegister,
  residentId,
  SPOUSE,
  verified,
} from '../../helpers/cases/fixtures';

const catalog = loadCatalog(join(__dirname, '../../../resources/catalog'));
const spouse = { ...baseFacts().card, idNumber: SPOUSE.idNumber, name: SPOUSE.name };

describe('evaluating the shipped items', () => {
  it('clean-energy: a member of a program household with the head’s homestead is eligible', () => {
    const item = getItem(catalog, 'clean-energy-check');
    const facts = baseFacts({ card: spouse });
    const ev = evaluate(item, facts);
    expect(ev.checks.map((c) => [c.id, c.result])).toEqual([
      ['card-valid', 'passed'],
      ['registered-member', 'passed'],
      ['property-at-address', 'passed'],
      ['address-in-program', 'passed'],
      ['not-issued-this-season', 'passed'],
    ]);
    expect(ev.eligible).toBe(true);
    expect(ev.blocking).toEqual([]);
    expect(ev.seasonIndex?.seasonStart).toBe('2025-11-01');

    const facts2 = certificateFacts(item, facts, ev.checks);
    expect(facts2.map((f) => f.key)).toEqual([
      'householdNumber',
      'householdType',
      'address',
      'headName',
      'members',
      'propertyCertificate',
      'programArea',
      'season',
    ]);
    const members = facts2.find((f) => f.key === 'members')!.value;
    expect(members).toMatchObject({
      rows: [
        { name: HEAD.name, relation: '户主', idNumber: '110903********1617' },
        { name: SPOUSE.name, relation: '配偶', idNumber: '110903********3348' },
      ],
    });
    expect(facts2.find((f) => f.key === 'propertyCertificate')?.value).toBe(
      '农村宅基地使用权证 京(2010)青山集建字第00018号（示范市规划和自然资源委员会）',
    );

    // What the rules produce is what the certificate renderer accepts.
    const doc = certificateDataSchema.safeParse({
      serial: 'TRAIN01-T-01-2025-000001',
      itemCode: item.code,
      holder: { name: SPOUSE.name, idNumberMasked: '110903********3348' },
      facts: facts2,
      checks: certificateChecks(ev.checks),
      result: printedOf(item).result.eligible.zh,
      hall: { id: 'TRAIN01', name: '示范市政务服务中心' },
      counter: 'T-01',
      clerk: { id: 'c1', name: '王芳' },
      issuedAt: '2025-11-20T02:00:00.000Z',
      training: true,
    });
    expect(doc.success, doc.success ? '' : JSON.stringify(doc.error.issues)).toBe(true);
  });

  it('clean-energy: failures and unknowns block printing, and facts show "—" for what is missing', () => {
    const item = getItem(catalog, 'clean-energy-check');
    const facts = baseFacts({ licenses: [verified(householdRegister())], programAreas: {} });
    const ev = evaluate(item, facts);
    expect(ev.eligible).toBe(false);
    expect(ev.blocking.map((c) => [c.id, c.result])).toEqual([
      ['property-at-address', 'failed'],
      ['address-in-program', 'unknown'],
    ]);
    const f = certificateFacts(item, facts, ev.checks);
    expect(f.find((x) => x.key === 'propertyCertificate')?.value).toBe('—');
  });

  it('household: lists the applicant’s relation; omits an optional fact the register lacks', () => {
    const item = getItem(catalog, 'household-verification');
    const reg = householdRegister();
    delete reg.surface.householdType;
    const facts = baseFacts({ card: spouse, licenses: [verified(reg)] });
    const ev = evaluate(item, facts);
    expect(ev.eligible).toBe(true);
    const f = certificateFacts(item, facts, ev.checks);
    expect(f.find((x) => x.key === 'relation')?.value).toBe('配偶');
    expect(f.some((x) => x.key === 'householdType')).toBe(false);
  });

  it('senior card: the age threshold comes from params and can be overridden by the caller', () => {
    const item = getItem(catalog, 'senior-card');
    const facts = baseFacts({ licenses: [verified(residentId())], now: new Date(2025, 10, 20) });
    expect(evaluate(item, facts).eligible).toBe(false); // born 1968: 57
    const ev = evaluate(item, facts, { seniorAge: 55 });
    expect(ev.eligible).toBe(true);
    const f = certificateFacts(item, facts, ev.checks, { serial: 'TRAIN01-T-01-2025-000009' });
    expect(f).toContainEqual({
      key: 'cardNumber',
      label: '卡号',
      labelEn: 'Card No.',
      value: 'TRAIN01-T-01-2025-000009',
    });
    expect(f.find((x) => x.key === 'age')?.value).toBe('57 周岁');
  });

  it('an evaluator bug makes that check unknown instead of hiding the others', () => {
    const table = evaluators as unknown as Record<string, { label: unknown; evaluate: () => never }>;
    const original = table['card-valid']!;
    table['card-valid'] = {
      label: original.label,
      evaluate: () => {
        throw new TypeError('boom');
      },
    };
    try {
      const ev = evaluate(getItem(catalog, 'household-verification'), baseFacts());
      expect(ev.checks.map((c) => c.result)).toEqual(['unknown', 'passed']);
      expect(ev.eligible).toBe(false);
    } finally {
      table['card-valid'] = original as never;
    }
  });

  it('refuses facts without a valid time', () => {
    expect(() => evaluate(getItem(catalog, 'household-verification'), baseFacts({ now: new Date('x') }))).toThrow(
      /RULE_FACTS_INVALID|valid current time/,
    );
  });

  it('only verified licenses reach the certificate facts', () => {
    const item = getItem(catalog, 'household-verification');
    const facts = baseFacts({
      licenses: [
        {
          ...verified(householdRegister()),
          verification: { state: 'unverified', reason: 'bad-signature', message: 'x' },
        },
        verified(homestead()),
      ],
    });
    expect(certificateFacts(item, facts, []).find((x) => x.key === 'householdNumber')?.value).toBe('—');
  });
});

describe('certificatePhoto', () => {
  const item = getItem(catalog, 'senior-card');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');
  it("takes the PNG from the applicant's own verified resident-ID license", () => {
    const photo = certificatePhoto(item, baseFacts({ licenses: [verified(residentId(HEAD, png))] }));
    expect(photo).toBeInstanceOf(Uint8Array);
    expect(photo?.length).toBe(11);
  });
  it('gives nothing for a relative’s license, a non-PNG, or an item without a photo', () => {
    expect(certificatePhoto(item, baseFacts({ licenses: [verified(residentId(SPOUSE, png))] }))).toBeUndefined();
    expect(certificatePhoto(item, baseFacts({ licenses: [verified(residentId(HEAD, 'aGVsbG8='))] }))).toBeUndefined();
    expect(certificatePhoto(getItem(catalog, 'household-verification'), baseFacts())).toBeUndefined();
  });
});

describe('followUpFetches', () => {
  it('names the other household members to search for property licenses', () => {
    const facts = baseFacts({ card: spouse, licenses: [verified(householdRegister())] });
    expect(followUpFetches(getItem(catalog, 'clean-energy-check'), facts)).toEqual([
      { idNumber: HEAD.idNumber, typeCodes: ['113001', '113002'] },
    ]);
  });
  it('asks for nothing when no rule needs it or the register is not usable', () => {
    expect(followUpFetches(getItem(catalog, 'household-verification'), baseFacts())).toEqual([]);
    expect(followUpFetches(getItem(catalog, 'clean-energy-check'), baseFacts({ licenses: [] }))).toEqual([]);
  });
});
