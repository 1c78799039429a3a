import type { FetchedLicense, LicenseRecord, SurfaceValue } from '../registry/types';
import { localMinute } from './dates';
import type { Bilingual } from './schema';
import { licenseTypeName } from './type-names';
import type { CheckSource, LicenseProblem, RuleFacts } from './types';

/**
 * How the evidence of one license type stands. Only a verified license is evidence; an unverified
 * one is reported so the clerk knows why, and a type the fetch could not deliver is "could not
 * check" rather than "has none".
 */
export type Evidence =
  | { state: 'found'; license: LicenseRecord; source: CheckSource; fetched: FetchedLicense }
  | { state: 'unverified'; fetched: FetchedLicense }
  | { state: 'unavailable'; problem?: LicenseProblem }
  | { state: 'absent' };

export function sourceOf(f: FetchedLicense): CheckSource {
  const l = f.license;
  return {
    typeCode: l.certificateType,
    typeName: l.certificateName || licenseTypeName(l.certificateType).zh,
    number: l.certificateNumber,
    issuer: l.issueDept,
    identifier: l.identifier,
    ...(f.source === 'cache' ? { asOf: f.fetchedAt } : {}),
  };
}

/** Licenses of the type, verified ones first, each passing `accept` (e.g. "lists this person"). */
export function evidenceFor(
  facts: RuleFacts,
  typeCode: string,
  accept: (l: LicenseRecord) => boolean = () => true,
): Evidence {
  const ofType = facts.licenses.filter((f) => f.license.certificateType === typeCode && accept(f.license));
  const verified = ofType.find((f) => f.verification.state === 'verified');
  if (verified) return { state: 'found', license: verified.license, source: sourceOf(verified), fetched: verified };
  if (ofType[0]) return { state: 'unverified', fetched: ofType[0] };
  const problem = problemFor(facts, typeCode);
  if (problem || facts.missing?.includes(typeCode)) return { state: 'unavailable', ...(problem ? { problem } : {}) };
  return { state: 'absent' };
}

export function problemFor(facts: RuleFacts, typeCode: string): LicenseProblem | undefined {
  // A problem without a type (the holder search itself failed) concerns every type.
  return facts.errors?.find((e) => e.typeCode === typeCode) ?? facts.errors?.find((e) => e.typeCode === undefined);
}

export const text = (v: SurfaceValue | undefined): string => (typeof v === 'string' ? v.trim() : '');
export const rows = (v: SurfaceValue | undefined): Array<Record<string, string>> => (Array.isArray(v) ? v : []);

const UNVERIFIED_REASON: Record<string, Bilingual> = {
  'bad-signature': { zh: '电子签名无效', en: 'its signature does not verify' },
  'unknown-issuer': { zh: '签发机构不在信任列表中', en: 'its issuer is not on the trust list' },
  'issuer-expired': { zh: '签发机构证书已过期', en: "its issuer's key has expired" },
  malformed: { zh: '数据格式不正确', en: 'its data is malformed' },
};

/** Whose evidence a sentence speaks of: the applicant, or a parent for a rule with a subject. */
export const APPLICANT: Bilingual = { zh: '申请人', en: 'the applicant' };

/** Sentence for evidence that is not usable; `holder` names whose license it is. */
export function unusableSentence(
  e: Exclude<Evidence, { state: 'found' }>,
  typeCode: string,
  holder: Bilingual = APPLICANT,
): Bilingual {
  const name = licenseTypeName(typeCode);
  const who = holder.zh;
  if (e.state === 'unverified') {
    const v = e.fetched.verification;
    const why =
      v.state === 'unverified'
        ? (UNVERIFIED_REASON[v.reason] ?? { zh: '未通过验证', en: 'it failed verification' })
        : { zh: '未通过验证', en: 'it failed verification' };
    const no = e.fetched.license.certificateNumber;
    return {
      zh: `${name.zh}（证号 ${no}）无法验证真伪（${why.zh}），不能作为核验依据；请稍后重试，或请${who}提供${name.zh}原件。`,
      en: `The ${name.en} (No. ${no}) could not be verified (${why.en}) and cannot be relied on; try again later or ask ${holder.en} for the original ${name.en}.`,
    };
  }
  if (e.state === 'unavailable') {
    const tooOld = e.problem?.code === 'CACHE_TOO_OLD';
    return tooOld
      ? {
          zh: `共享平台暂时无法连接，本地保存的${name.zh}已超过最长使用期限，无法核验；请恢复网络后重试，或请${who}提供${name.zh}原件。`,
          en: `The registry is unreachable and the locally stored ${name.en} is past its maximum age, so it cannot be checked; retry once the network is back or ask ${holder.en} for the original.`,
        }
      : {
          zh: `暂时未能从共享平台取得${name.zh}，无法核验；请稍后重试，或请${who}提供${name.zh}原件。`,
          en: `The ${name.en} could not be obtained from the registry${e.problem ? ` (${e.problem.code})` : ''}, so it cannot be checked; try again later or ask ${holder.en} for the original.`,
        };
  }
  return {
    zh: `共享平台未查到${who}的${name.zh}，请${who}提供${name.zh}原件。`,
    en: `The registry holds no ${name.en} for ${holder.en}; ask ${holder.en} for the original ${name.en}.`,
  };
}

export const unusableOutcome = (e: Exclude<Evidence, { state: 'found' }>): 'failed' | 'unknown' =>
  e.state === 'absent' ? 'failed' : 'unknown';

/** " (cached data as of …)" when the evidence came from the local cache, so the clerk can say how fresh it is. */
export function asOfNote(source: CheckSource | undefined): Bilingual {
  if (!source?.asOf) return { zh: '', en: '' };
  const at = localMinute(source.asOf);
  return { zh: `（本地缓存数据，截至 ${at}）`, en: ` (cached data as of ${at})` };
}
