import { text } from './summary';
import type { Finding, RuleOutcome } from './types';

const LABEL = { zh: '医院诊断及医疗费用结算单', en: "The hospital's diagnosis and bill" };

/**
 * The applicant's hospital bill (大病救助) as one more rule beside the household's: passed with the
 * bill's figures, failed when the health commission holds none, unknown when no usable answer came.
 */
export function billRule(f: Finding): RuleOutcome {
  const sources: RuleOutcome['sources'] = f.license
    ? [{ source: 'medical_bill', member: f.member, identifier: f.license.number, issuer: f.license.issuer }]
    : [];
  const outcome = (result: RuleOutcome['result'], sentence: RuleOutcome['sentence']): RuleOutcome => ({
    id: 'medical-bill',
    label: LABEL,
    result,
    sentence,
    sources,
  });
  if (f.state === 'found')
    return outcome('passed', {
      zh: `${text(f, 'hospital')}诊断${text(f, 'diagnosis')}（${text(f, 'admitted')} 至 ${text(f, 'discharged')}），医疗费用 ${text(f, 'total')} 元，医保支付 ${text(f, 'insurancePaid')} 元，个人自付 ${text(f, 'selfPaid')} 元。`,
      en: `${text(f, 'hospital')}: ${text(f, 'diagnosis')} (${text(f, 'admitted')} to ${text(f, 'discharged')}), bill ${text(f, 'total')}, insurance ${text(f, 'insurancePaid')}, self-paid ${text(f, 'selfPaid')}.`,
    });
  if (f.state === 'none')
    return outcome('failed', {
      zh: '卫生健康委未查到申请人的住院诊断及费用结算记录。',
      en: 'The health commission holds no hospital bill for the applicant.',
    });
  return outcome('unknown', {
    zh: '未能取得可用的住院诊断及费用结算记录（未返回或未通过验签）。',
    en: 'No usable hospital bill (no answer or failed verification).',
  });
}
