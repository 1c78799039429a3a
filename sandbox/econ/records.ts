import { monthsBefore } from '../../protocol/months';
import type { SurfaceValue } from '../../protocol/registry-types';
import type { World } from '../generator/types';
import { profileOf } from './profiles';
import type { SourceKey } from './types';

const yuan = (n: number): string => n.toFixed(2);

/** What one source says about one person (surface fields: text, or rows for lists). */
export function sourceSurface(world: World, index: number, key: SourceKey): Record<string, SurfaceValue> {
  const r = world.residents[index]!;
  const p = profileOf(world, index);
  // A record covers the 12 full months before the sandbox's today, newest first.
  const months = monthsBefore(world.today, 12);
  const base = {
    name: r.name,
    idNumber: r.idNumber,
    periodFrom: months[months.length - 1]!,
    periodTo: months[0]!,
    asOf: world.today,
  };
  switch (key) {
    case 'housing_fund': {
      const hf = p.housingFund;
      if (!hf) return { ...base, account: '', status: '无账户', base: '0.00', months: [], withdrawals: [] };
      const paying = hf.status === '正常缴存';
      return {
        ...base,
        account: hf.account,
        status: hf.status,
        base: yuan(hf.base),
        // Employee 12 % plus employer 12 % of the base.
        months: months.map((month) => ({ month, paid: yuan(paying ? hf.base * 0.24 : 0) })),
        withdrawals: (hf.withdrawals ?? []).map((x) => ({
          month: months[x.ago - 1] ?? months[0]!,
          amount: yuan(x.amount),
          reason: x.reason,
        })),
      };
    }
    case 'property': {
      const homes = world.properties
        .filter((x) => x.owners.includes(index))
        .map((x) => ({ number: x.number, address: x.address, use: x.use, area: x.area, kind: x.kind }));
      return { ...base, homes };
    }
    case 'vehicle':
      return { ...base, vehicles: p.vehicles.map((v) => ({ ...v })) };
    case 'social_security': {
      const pension = r.pension;
      return {
        ...base,
        contributions: p.contributionBase
          ? months.map((month) => ({ month, base: yuan(p.contributionBase!), paid: yuan(p.contributionBase! * 0.08) }))
          : [],
        pensions:
          pension && pension.status === '正常领取'
            ? months.map((month) => ({ month, amount: yuan(Number(pension.monthlyAmount)), scheme: pension.scheme }))
            : [],
      };
    }
    case 'business':
      return { ...base, roles: p.roles.map((x) => ({ ...x })) };
    case 'tax':
      return {
        ...base,
        income: months
          .map((month, i) => ({ month, amount: p.taxByMonth?.[i + 1] ?? p.taxMonthly }))
          .filter((x) => x.amount > 0)
          .map((x) => ({ month: x.month, amount: yuan(x.amount), kind: '工资薪金' })),
      };
    case 'deposit':
      return { ...base, band: String(p.depositBand) };
  }
}

/** 大病救助: the hospital's diagnosis and bill, when the person has one. */
export function medicalBillSurface(world: World, index: number): Record<string, SurfaceValue> | undefined {
  const h = profileOf(world, index).hospital;
  if (!h) return undefined;
  const r = world.residents[index]!;
  return {
    name: r.name,
    idNumber: r.idNumber,
    hospital: h.hospital,
    diagnosis: h.diagnosis,
    admitted: h.admitted,
    discharged: h.discharged,
    total: yuan(h.total),
    insurancePaid: yuan(h.insurancePaid),
    selfPaid: yuan(h.total - h.insurancePaid),
  };
}
