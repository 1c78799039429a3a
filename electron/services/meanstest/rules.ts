import type { Bilingual } from '../../api/types';
import type { AreaRules, MeansConfig, SourceKey } from './config';
import { rows, text } from './summary';
import type { Conclusion, Figures, Finding, Member, RuleOutcome, RuleResult } from './types';
import { windowMonths } from './window';

const yuan = (n: number): string => n.toFixed(2);

interface Ctx {
  cfg: MeansConfig;
  area: AreaRules;
  members: readonly Member[];
  /** member id -> source -> finding */
  by: Map<string, Map<SourceKey, Finding>>;
  sourceName(k: SourceKey): Bilingual;
}

/** Evidence semantics shared by every rule: verified only; no answer → unknown; answered without → failed. */
function evidence(
  ctx: Ctx,
  key: SourceKey,
): { ok: Finding[]; unknown: Member[]; none: Member[]; refs: RuleOutcome['sources'] } {
  const ok: Finding[] = [];
  const unknown: Member[] = [];
  const none: Member[] = [];
  const refs: RuleOutcome['sources'] = [];
  for (const m of ctx.members) {
    const f = ctx.by.get(m.idNumber)?.get(key);
    if (f?.license)
      refs.push({ source: key, member: m.idNumber, identifier: f.license.number, issuer: f.license.issuer });
    if (!f || f.state === 'error' || f.state === 'unverified') unknown.push(m);
    else if (f.state === 'none') none.push(m);
    else ok.push(f);
  }
  return { ok, unknown, none, refs };
}

const names = (ms: readonly Member[]): string => ms.map((m) => m.name).join('、');
const namesEn = (ms: readonly Member[]): string => ms.map((m) => m.name).join(', ');

function unknownSentence(ctx: Ctx, keys: SourceKey[], ms: Member[]): Bilingual {
  return {
    zh: `${keys.map((k) => ctx.sourceName(k).zh).join('、')}未能取得${names(ms)}的可用记录（未返回或未通过验签），无法判断，需重新核对或人工复核。`,
    en: `No usable record of ${namesEn(ms)} from ${keys.map((k) => ctx.sourceName(k).en).join(', ')} (no answer or failed verification); re-run the check or review by hand.`,
  };
}
function noneSentence(ctx: Ctx, key: SourceKey, ms: Member[]): Bilingual {
  return {
    zh: `${ctx.sourceName(key).zh}答复无${names(ms)}的记录，不能确认其经济状况。`,
    en: `${ctx.sourceName(key).en} answered with no record of ${namesEn(ms)}; their situation cannot be confirmed.`,
  };
}

function vehicleRule(ctx: Ctx): RuleOutcome {
  const label = { zh: '家庭成员名下无非豁免机动车', en: 'No vehicle beyond the exemptions' };
  const ev = evidence(ctx, 'vehicle');
  const ex = ctx.area.vehicleExemptions;
  const bad: string[] = [];
  const badEn: string[] = [];
  const exempt: string[] = [];
  for (const f of ev.ok) {
    const m = ctx.members.find((x) => x.idNumber === f.member)!;
    for (const v of rows(f, 'vehicles')) {
      if (ex.types.includes(v.type ?? '') || ex.uses.includes(v.use ?? ''))
        exempt.push(`${m.name}：${v.type}（${v.plate}）`);
      else {
        bad.push(`${m.name}名下登记${v.type}（${v.plate}，${v.use}）`);
        badEn.push(`${m.name} has a ${v.type} (${v.plate}, ${v.use})`);
      }
    }
  }
  return settle(ctx, 'vehicle', label, ev, bad.length > 0, {
    failed: {
      zh: `${bad.join('；')}，不属于豁免车辆（残疾人专用车、唯一生计营运车辆等）。`,
      en: `${badEn.join('; ')}, which is not an exempt vehicle.`,
    },
    passed: {
      zh: exempt.length ? `家庭成员名下仅有豁免车辆：${exempt.join('；')}。` : '家庭成员名下均无机动车登记。',
      en: exempt.length
        ? `Only exempt vehicles are registered (${exempt.length}).`
        : 'No member has a vehicle registered.',
    },
  });
}

function businessRule(ctx: Ctx): RuleOutcome {
  const label = { zh: '家庭成员不是企业法定代表人或实际控制人', en: 'No member leads or controls a company' };
  const ev = evidence(ctx, 'business');
  const bad: string[] = [];
  const badEn: string[] = [];
  for (const f of ev.ok) {
    const m = ctx.members.find((x) => x.idNumber === f.member)!;
    for (const r of rows(f, 'roles'))
      if (ctx.area.roles.includes(r.role ?? '') && !['注销', '吊销'].includes(r.status ?? '')) {
        bad.push(`${m.name}为${r.company}（${r.creditCode}，${r.status}）${r.role}`);
        badEn.push(`${m.name} is ${r.role} of ${r.company} (${r.creditCode}, ${r.status})`);
      }
  }
  return settle(ctx, 'business', label, ev, bad.length > 0, {
    failed: { zh: `${bad.join('；')}。`, en: `${badEn.join('; ')}.` },
    passed: {
      zh: '市场主体登记中家庭成员均无法定代表人、实际控制人任职。',
      en: 'No member is a legal representative or controller of a company.',
    },
  });
}

function homesRule(ctx: Ctx, fig: Figures): RuleOutcome {
  const label = { zh: '住房套数与人均建筑面积', en: 'Homes and floor space per person' };
  const ev = evidence(ctx, 'property');
  const seen = new Map<string, number>();
  for (const f of ev.ok)
    for (const h of rows(f, 'homes')) if (h.number && !seen.has(h.number)) seen.set(h.number, Number(h.area) || 0);
  const total = [...seen.values()].reduce((a, b) => a + b, 0);
  const per = ctx.members.length ? total / ctx.members.length : 0;
  const complete = ev.unknown.length === 0 && ev.none.length === 0;
  fig.homes = complete ? seen.size : null;
  fig.floorSpace = complete ? total : null;
  fig.floorSpacePerPerson = complete ? Math.round(per * 100) / 100 : null;
  const limit = fig.floorSpaceLimitPerPerson;
  const over = seen.size >= ctx.area.homesLimit && per > limit;
  return settle(ctx, 'property', label, ev, over, {
    failed: {
      zh: `家庭共有住房 ${seen.size} 套，建筑面积合计 ${total.toFixed(2)} m²，人均 ${per.toFixed(2)} m²，超过当地人均住房面积 ${ctx.area.floorSpacePerPerson} m² 的 ${ctx.area.floorSpaceMultiple} 倍（${limit.toFixed(2)} m²）。`,
      en: `${seen.size} homes, ${total.toFixed(2)} m² in all, ${per.toFixed(2)} m² per person: above ${ctx.area.floorSpaceMultiple} × the local ${ctx.area.floorSpacePerPerson} m² (${limit.toFixed(2)} m²).`,
    },
    passed: {
      zh: `家庭共有住房 ${seen.size} 套，建筑面积合计 ${total.toFixed(2)} m²，人均 ${per.toFixed(2)} m²（认定标准：${ctx.area.homesLimit} 套及以上且人均超过 ${limit.toFixed(2)} m²）。`,
      en: `${seen.size} home(s), ${total.toFixed(2)} m², ${per.toFixed(2)} m² per person (ruled out at ${ctx.area.homesLimit}+ homes and over ${limit.toFixed(2)} m² per person).`,
    },
  });
}

/** Income counted per member and month: the larger of taxed wages and the housing-fund base while paying in, plus pensions. */
function incomeRule(ctx: Ctx, fig: Figures): RuleOutcome {
  const label = { zh: '家庭月人均收入低于当地最低生活保障标准', en: 'Income per person below the local standard' };
  const keys: SourceKey[] = ['tax', 'housing_fund', 'social_security'];
  const evs = keys.map((k) => evidence(ctx, k));
  const unknown = [...new Set(evs.flatMap((e) => e.unknown))];
  const none = [...new Set(evs.flatMap((e) => e.none))];
  const refs = evs.flatMap((e) => e.refs);
  let total = 0;
  for (const m of ctx.members) {
    const s = ctx.by.get(m.idNumber);
    const tax = new Map(rows(s?.get('tax'), 'income').map((r) => [r.month, Number(r.amount) || 0]));
    const hf = s?.get('housing_fund');
    const hfPaid = new Map(rows(hf, 'months').map((r) => [r.month, Number(r.paid) || 0]));
    const hfBase = Number(text(hf, 'base')) || 0;
    const pension = new Map(rows(s?.get('social_security'), 'pensions').map((r) => [r.month, Number(r.amount) || 0]));
    for (const month of fig.months) {
      const wage = Math.max(tax.get(month) ?? 0, (hfPaid.get(month) ?? 0) > 0 ? hfBase : 0);
      total += wage + (pension.get(month) ?? 0);
    }
  }
  const per = ctx.members.length ? total / fig.windowMonths / ctx.members.length : 0;
  const usable = unknown.length === 0 && none.length === 0;
  fig.incomeTotal = usable ? Math.round(total * 100) / 100 : null;
  fig.incomePerPersonMonth = usable ? Math.round(per * 100) / 100 : null;
  const sources = refs;
  if (unknown.length) {
    const missing = keys.filter((_, i) => evs[i]!.unknown.length);
    return { id: 'income', label, result: 'unknown', sentence: unknownSentence(ctx, missing, unknown), sources };
  }
  if (none.length) {
    const k = keys.find((_, i) => evs[i]!.none.length)!;
    return { id: 'income', label, result: 'failed', sentence: noneSentence(ctx, k, none), sources };
  }
  const std = ctx.area.incomeStandard;
  const head = `近 ${fig.windowMonths} 个月（${fig.months[fig.months.length - 1]} 至 ${fig.months[0]}）家庭收入合计 ${yuan(total)} 元，${ctx.members.length} 人，月人均 ${yuan(per)} 元`;
  const headEn = `Over ${fig.windowMonths} months (${fig.months[fig.months.length - 1]} to ${fig.months[0]}) the household had ${yuan(total)} yuan, ${ctx.members.length} people: ${yuan(per)} per person a month`;
  return per > std
    ? {
        id: 'income',
        label,
        result: 'failed',
        sentence: {
          zh: `${head}，高于当地低保标准 ${yuan(std)} 元。`,
          en: `${headEn}, above the local standard of ${yuan(std)}.`,
        },
        sources,
      }
    : {
        id: 'income',
        label,
        result: 'passed',
        sentence: {
          zh: `${head}，不高于当地低保标准 ${yuan(std)} 元。`,
          en: `${headEn}, not above the local standard of ${yuan(std)}.`,
        },
        sources,
      };
}

function depositRule(ctx: Ctx): RuleOutcome {
  const label = { zh: '家庭人均存款不超过规定限额', en: 'Deposits per person within the limit' };
  const ev = evidence(ctx, 'deposit');
  let lower = 0;
  for (const f of ev.ok) lower += ctx.cfg.depositBands.find((b) => b.band === text(f, 'band'))?.lower ?? 0;
  const per = ctx.members.length ? lower / ctx.members.length : 0;
  const limit = ctx.area.depositMonthsPerPerson * ctx.area.incomeStandard;
  return settle(ctx, 'deposit', label, ev, per > limit, {
    failed: {
      zh: `家庭存款按余额区间下限计人均至少 ${yuan(per)} 元，超过 ${ctx.area.depositMonthsPerPerson} 个月低保标准（${yuan(limit)} 元）。`,
      en: `Deposits are at least ${yuan(per)} per person (band lower bounds), above ${ctx.area.depositMonthsPerPerson} months of the standard (${yuan(limit)}).`,
    },
    passed: {
      zh: `家庭存款按余额区间下限计人均 ${yuan(per)} 元，未超过 ${yuan(limit)} 元。`,
      en: `Deposits are ${yuan(per)} per person at the band lower bounds, within ${yuan(limit)}.`,
    },
  });
}

/** Shared ending: a fact that rules out wins; then no answer → unknown; then answered-without → failed. */
function settle(
  ctx: Ctx,
  key: SourceKey,
  label: Bilingual,
  ev: ReturnType<typeof evidence>,
  ruledOut: boolean,
  s: { failed: Bilingual; passed: Bilingual },
): RuleOutcome {
  const id = ({ vehicle: 'vehicle', business: 'business', property: 'homes', deposit: 'deposit' } as const)[
    key as 'vehicle' | 'business' | 'property' | 'deposit'
  ];
  const base = { id, label, sources: ev.refs };
  let result: RuleResult;
  let sentence: Bilingual;
  // Partial data is a lower bound (of vehicles, roles, floor space, deposits): a rule it already breaks stays broken.
  if (ruledOut) [result, sentence] = ['failed', s.failed];
  else if (ev.unknown.length) [result, sentence] = ['unknown', unknownSentence(ctx, [key], ev.unknown)];
  else if (ev.none.length) [result, sentence] = ['failed', noneSentence(ctx, key, ev.none)];
  else [result, sentence] = ['passed', s.passed];
  return { ...base, result, sentence };
}

export interface Evaluated {
  rules: RuleOutcome[];
  figures: Figures;
  conclusion: Conclusion;
  missing: SourceKey[];
}

/** The household check: every rule over every member's findings, with the derived figures. */
export function evaluateHousehold(
  cfg: MeansConfig,
  area: AreaRules,
  members: readonly Member[],
  findings: readonly Finding[],
  today: string,
  extraRules: RuleOutcome[] = [],
): Evaluated {
  const by = new Map<string, Map<SourceKey, Finding>>();
  for (const f of findings) {
    if (!by.has(f.member)) by.set(f.member, new Map());
    by.get(f.member)!.set(f.source, f);
  }
  const sourceName = (k: SourceKey): Bilingual => {
    const s = cfg.sources.find((x) => x.key === k)!;
    return { zh: s.issuerZh, en: s.issuerEn };
  };
  const ctx: Ctx = { cfg, area, members, by, sourceName };
  const months = windowMonths(today, area.windowMonths);
  const figures: Figures = {
    members: members.length,
    windowMonths: area.windowMonths,
    months,
    incomeTotal: null,
    incomePerPersonMonth: null,
    incomeStandard: area.incomeStandard,
    homes: null,
    floorSpace: null,
    floorSpacePerPerson: null,
    floorSpaceLimitPerPerson: Math.round(area.floorSpacePerPerson * area.floorSpaceMultiple * 100) / 100,
  };
  const rules = [
    vehicleRule(ctx),
    businessRule(ctx),
    homesRule(ctx, figures),
    incomeRule(ctx, figures),
    depositRule(ctx),
    ...extraRules,
  ];
  const conclusion: Conclusion = rules.some((r) => r.result === 'failed')
    ? 'ineligible'
    : rules.some((r) => r.result === 'unknown')
      ? 'review'
      : 'eligible';
  const missing = cfg.sources
    .map((s) => s.key)
    .filter((k) => findings.some((f) => f.source === k && (f.state === 'error' || f.state === 'unverified')));
  return { rules, figures, conclusion, missing };
}
