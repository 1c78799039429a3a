import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { areaRules, evaluateHousehold, loadMeansConfig, type SourceKey } from '../../../electron/services/meanstest';
import type { Finding, Member } from '../../../electron/services/meanstest';
import { windowMonths } from '../../../electron/services/meanstest/window';

const cfg = loadMeansConfig(join(__dirname, '..', '..', '..', 'resources'));
const area = areaRules(cfg, '110901001001').rules;
const TODAY = '2026-12-01';
const months = windowMonths(TODAY, 12);

const member = (idNumber: string, age = 40): Member => ({
  name: `M${idNumber}`,
  idNumber,
  relation: '户主',
  birth: '1986-01-01',
  age,
  adult: age >= 18,
});

/** A household whose every source answered with nothing of note; `over` replaces one member's source surface. */
function answers(
  members: Member[],
  over: Partial<Record<SourceKey, Finding['surface']>> = {},
  who = members[0]!.idNumber,
): Finding[] {
  const blank: Record<SourceKey, Finding['surface']> = {
    housing_fund: { status: '无账户', base: '0.00', months: [], withdrawals: [] },
    property: { homes: [] },
    vehicle: { vehicles: [] },
    social_security: { contributions: [], pensions: [] },
    business: { roles: [] },
    tax: { income: [] },
    deposit: { band: '0' },
  };
  return members.flatMap((m) =>
    cfg.sources.map((s) => ({
      member: m.idNumber,
      source: s.key,
      state: 'found' as const,
      queriedAt: `${TODAY}T02:00:00.000Z`,
      asOf: TODAY,
      license: {
        identifier: `id-${s.key}`,
        number: `N-${s.key}-${m.idNumber}`,
        issuer: s.issuerZh,
        issuerCode: s.issuerCode,
      },
      surface: (m.idNumber === who ? over[s.key] : undefined) ?? blank[s.key],
    })),
  );
}

const result = (ev: ReturnType<typeof evaluateHousehold>, id: string) => ev.rules.find((r) => r.id === id)!.result;

describe('means-test rules (thresholds from resources/meanstest/areas.json)', () => {
  const two = [member('A'), member('B')];

  it('takes the longest area prefix: Qingshan has its own standard and exempts farm vehicles', () => {
    expect(areaRules(cfg, '110903001002').prefix).toBe('110903');
    expect(areaRules(cfg, '110901001001').prefix).toBe('');
    const tri = { vehicles: [{ plate: 'P', type: '三轮汽车', use: '农业生产', registered: '2020-01-01' }] };
    expect(
      result(
        evaluateHousehold(cfg, areaRules(cfg, '110903').rules, two, answers(two, { vehicle: tri }), TODAY),
        'vehicle',
      ),
    ).toBe('passed');
    expect(result(evaluateHousehold(cfg, area, two, answers(two, { vehicle: tri }), TODAY), 'vehicle')).toBe('failed');
  });

  it('income per person: exactly the standard passes, a yuan above fails; the housing-fund base counts while paying in', () => {
    const at = (amount: number) => ({
      income: months.map((month) => ({ month, amount: String(amount), kind: '工资薪金' })),
    });
    const eq = evaluateHousehold(cfg, area, two, answers(two, { tax: at(area.incomeStandard * 2) }), TODAY);
    expect(eq.figures.incomePerPersonMonth).toBe(area.incomeStandard);
    expect(result(eq, 'income')).toBe('passed');
    expect(
      result(
        evaluateHousehold(cfg, area, two, answers(two, { tax: at(area.incomeStandard * 2 + 2) }), TODAY),
        'income',
      ),
    ).toBe('failed');
    const hf = {
      status: '正常缴存',
      base: '4000.00',
      account: 'G',
      months: months.map((month) => ({ month, paid: '960.00' })),
      withdrawals: [],
    };
    const ev = evaluateHousehold(cfg, area, two, answers(two, { housing_fund: hf }), TODAY);
    expect(ev.figures.incomePerPersonMonth).toBe(2000);
    expect(result(ev, 'income')).toBe('failed');
  });

  it('homes: two homes fail only above the floor-space line; one big home passes', () => {
    const homes = (...areas: number[]) => ({
      homes: areas.map((a, i) => ({ number: `H${i}`, address: '', use: '住宅', area: String(a), kind: 'real_estate' })),
    });
    const limit = area.floorSpacePerPerson * area.floorSpaceMultiple;
    expect(
      result(evaluateHousehold(cfg, area, two, answers(two, { property: homes(limit, limit) }), TODAY), 'homes'),
    ).toBe('passed');
    expect(
      result(evaluateHousehold(cfg, area, two, answers(two, { property: homes(limit, limit + 1) }), TODAY), 'homes'),
    ).toBe('failed');
    expect(result(evaluateHousehold(cfg, area, two, answers(two, { property: homes(400) }), TODAY), 'homes')).toBe(
      'passed',
    );
  });

  it('evidence: no answer → unknown and missing; answered without a record → failed; a breaking fact wins over a gap', () => {
    const f = answers(two);
    const down = f.map((x) =>
      x.source === 'vehicle' && x.member === 'B' ? { ...x, state: 'error' as const, surface: undefined } : x,
    );
    const ev = evaluateHousehold(cfg, area, two, down, TODAY);
    expect(result(ev, 'vehicle')).toBe('unknown');
    expect(ev.missing).toEqual(['vehicle']);
    expect(ev.conclusion).toBe('review');
    const none = f.map((x) =>
      x.source === 'business' && x.member === 'B' ? { ...x, state: 'none' as const, surface: undefined } : x,
    );
    expect(result(evaluateHousehold(cfg, area, two, none, TODAY), 'business')).toBe('failed');
    const car = answers(two, {
      vehicle: { vehicles: [{ plate: 'X', type: '小型轿车', use: '非营运', registered: '' }] },
    });
    const both = car.map((x) =>
      x.source === 'vehicle' && x.member === 'B' ? { ...x, state: 'unverified' as const } : x,
    );
    expect(result(evaluateHousehold(cfg, area, two, both, TODAY), 'vehicle')).toBe('failed');
  });

  it('the window is the full months before today, across the year boundary', () => {
    expect(windowMonths('2027-02-15', 6)).toEqual(['2027-01', '2026-12', '2026-11', '2026-10', '2026-09', '2026-08']);
  });
});
