import { sameAddress } from '../address';
import { asOfNote, problemFor, rows, sourceOf, text, unusableSentence } from '../evidence';
import type { Evaluator } from '../evaluator';
import { applicantHousehold, householdIds, noRegisteredAddress, sameId } from '../household';
import { licenseTypeName } from '../type-names';

const orList = (codes: readonly string[], lang: 'zh' | 'en') =>
  codes.map((c) => licenseTypeName(c)[lang]).join(lang === 'zh' ? '或' : ' or ');

export const propertyAtAddress: Evaluator<'property-at-address'> = {
  label: { zh: '户籍地址有合法房屋', en: 'Lawful house at the registered address' },
  evaluate(rule, { facts }) {
    const h = applicantHousehold(facts);
    if (h.state !== 'found')
      return { result: 'unknown', sentence: noRegisteredAddress({ zh: '房屋权属', en: 'the property title' }) };
    const address = text(h.license.surface.address);
    const scope = rule.ownerScope === 'household' ? householdIds(h.license) : [facts.card.idNumber];
    const atAddress = facts.licenses.filter(
      (f) => rule.types.includes(f.license.certificateType) && sameAddress(text(f.license.surface.address), address),
    );
    const verified = atAddress.filter((f) => f.verification.state === 'verified');
    const ownedInScope = (owners: Array<Record<string, string>>) =>
      owners.some((o) => scope.some((id) => sameId(o.idNumber ?? '', id)));
    const match = verified.find((f) => ownedInScope(rows(f.license.surface.owners)));
    if (match) {
      const l = match.license;
      const source = sourceOf(match);
      const owners = rows(l.surface.owners)
        .map((o) => o.name)
        .filter(Boolean)
        .join('、');
      const note = asOfNote(source);
      return {
        result: 'passed',
        source,
        sentence: {
          zh: `户籍地址${address}有${source.typeName}（证号 ${l.certificateNumber}，权利人 ${owners}）。${note.zh}`,
          en: `There is a ${licenseTypeName(l.certificateType).en} (No. ${l.certificateNumber}, owner ${owners}) for the registered address ${address}.${note.en}`,
        },
      };
    }
    const foreign = verified[0];
    if (foreign) {
      const who =
        rule.ownerScope === 'household'
          ? { zh: '申请人户内成员', en: "a member of the applicant's household" }
          : { zh: '申请人本人', en: 'the applicant' };
      return {
        result: 'failed',
        source: sourceOf(foreign),
        sentence: {
          zh: `该地址的${foreign.license.certificateName}（证号 ${foreign.license.certificateNumber}）权利人不是${who.zh}，请申请人提供本户的房屋权属证明。`,
          en: `The ${licenseTypeName(foreign.license.certificateType).en} for this address (No. ${foreign.license.certificateNumber}) is not held by ${who.en}; ask for the household's own proof of title.`,
        },
      };
    }
    const unverified = atAddress[0];
    if (unverified)
      return {
        result: 'unknown',
        sentence: unusableSentence({ state: 'unverified', fetched: unverified }, unverified.license.certificateType),
      };
    const unavailable = rule.types.find((t) => problemFor(facts, t) || facts.missing?.includes(t));
    if (unavailable) {
      const problem = problemFor(facts, unavailable);
      return {
        result: 'unknown',
        sentence: unusableSentence({ state: 'unavailable', ...(problem ? { problem } : {}) }, unavailable),
      };
    }
    return {
      result: 'failed',
      sentence: {
        zh: `未查到该地址（${address}）的${orList(rule.types, 'zh')}，请申请人提供产权证明。`,
        en: `No ${orList(rule.types, 'en')} was found for the address (${address}); ask the applicant for proof of title.`,
      },
    };
  },
};
