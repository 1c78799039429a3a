import type { Bilingual } from '../../api/types';
import type { MeansConfig } from './config';
import type { Finding } from './types';

type Rows = Array<Record<string, string>>;
export const rows = (f: Finding | undefined, key: string): Rows => {
  const v = f?.surface?.[key];
  return Array.isArray(v) ? v : [];
};
export const text = (f: Finding | undefined, key: string): string => {
  const v = f?.surface?.[key];
  return typeof v === 'string' ? v : '';
};

/** One line per finding for the clerk and the report: what the source said, in both languages. */
export function summarise(cfg: MeansConfig, f: Finding): Bilingual {
  if (f.state === 'error')
    return { zh: `未返回（${f.problem?.code ?? '错误'}）`, en: `no answer (${f.problem?.code ?? 'error'})` };
  if (f.state === 'unverified')
    return {
      zh: `记录未通过验签（${f.problem?.code ?? ''}）`,
      en: `record failed verification (${f.problem?.code ?? ''})`,
    };
  if (f.state === 'none') return { zh: '无该人员记录', en: 'no record of this person' };
  switch (f.source) {
    case 'housing_fund': {
      const st = text(f, 'status');
      const w = rows(f, 'withdrawals');
      const wz = w.map((x) => `${x.month} 提取 ${x.amount} 元（${x.reason}）`).join('；');
      const we = w.map((x) => `${x.month} withdrew ${x.amount} (${x.reason})`).join('; ');
      return {
        zh: `${st}${text(f, 'account') ? `，账户 ${text(f, 'account')}，缴存基数 ${text(f, 'base')} 元` : ''}${wz ? `；${wz}` : ''}`,
        en: `${st === '无账户' ? 'no account' : st}${text(f, 'account') ? `, account ${text(f, 'account')}, base ${text(f, 'base')}` : ''}${we ? `; ${we}` : ''}`,
      };
    }
    case 'property': {
      const h = rows(f, 'homes');
      if (!h.length) return { zh: '名下无不动产登记', en: 'no property registered' };
      return {
        zh: h.map((x) => `${x.use} ${x.area} m²（${x.number}）`).join('；'),
        en: h.map((x) => `${x.use} ${x.area} m² (${x.number})`).join('; '),
      };
    }
    case 'vehicle': {
      const v = rows(f, 'vehicles');
      if (!v.length) return { zh: '名下无机动车', en: 'no vehicle registered' };
      return {
        zh: v.map((x) => `${x.type}（${x.plate}，${x.use}）`).join('；'),
        en: v.map((x) => `${x.type} (${x.plate}, ${x.use})`).join('; '),
      };
    }
    case 'social_security': {
      const c = rows(f, 'contributions');
      const p = rows(f, 'pensions');
      const pz = p.length ? `领取养老金每月 ${p[0]!.amount} 元（${p[0]!.scheme}）` : '未领取养老金';
      const pe = p.length ? `pension ${p[0]!.amount}/month (${p[0]!.scheme})` : 'no pension';
      const cz = c.length ? `，缴费基数 ${c[0]!.base} 元` : '，无缴费记录';
      const ce = c.length ? `, contribution base ${c[0]!.base}` : ', no contributions';
      return { zh: pz + cz, en: pe + ce };
    }
    case 'business': {
      const r = rows(f, 'roles');
      if (!r.length) return { zh: '无企业任职登记', en: 'no company role' };
      return {
        zh: r.map((x) => `${x.company} ${x.role}（${x.status}）`).join('；'),
        en: r.map((x) => `${x.role} of ${x.company} (${x.status})`).join('; '),
      };
    }
    case 'tax': {
      const i = rows(f, 'income');
      if (!i.length) return { zh: '无申报收入', en: 'no income reported' };
      return {
        zh: `${i.length} 个月有收入，最近 ${i[0]!.month} ${i[0]!.amount} 元`,
        en: `income in ${i.length} months, latest ${i[0]!.month}: ${i[0]!.amount}`,
      };
    }
    case 'deposit': {
      const b = cfg.depositBands.find((x) => x.band === text(f, 'band'));
      return { zh: `存款余额 ${b?.zh ?? text(f, 'band')}`, en: `deposits ${b?.en ?? text(f, 'band')}` };
    }
    default:
      // The applicant's own evidence (大病救助: the hospital bill).
      return {
        zh: `${text(f, 'hospital')} ${text(f, 'diagnosis')}，费用 ${text(f, 'total')} 元，自付 ${text(f, 'selfPaid')} 元`,
        en: `${text(f, 'hospital')}: ${text(f, 'diagnosis')}, bill ${text(f, 'total')}, self-paid ${text(f, 'selfPaid')}`,
      };
  }
}
