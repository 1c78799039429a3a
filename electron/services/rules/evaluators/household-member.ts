import { asOfNote, evidenceFor, rows, text, unusableOutcome, unusableSentence } from '../evidence';
import type { Evaluator } from '../evaluator';
import { applicantHousehold, sameId } from '../household';

export const householdMember: Evaluator<'household-member'> = {
  label: { zh: '申请人登记在户内', en: 'Applicant registered in the household' },
  evaluate(rule, { facts }) {
    const e = applicantHousehold(facts, rule.type);
    if (e.state !== 'found') {
      // A verified register that simply does not list the applicant is a plain "no", not "could not check".
      const other = e.state === 'absent' ? evidenceFor(facts, rule.type) : undefined;
      if (other?.state === 'found') {
        const no = text(other.license.surface.householdNumber);
        return {
          result: 'failed',
          source: other.source,
          sentence: {
            zh: `户号 ${no} 的户口簿中没有申请人，请核对申请人的户籍登记情况。`,
            en: `The household register No. ${no} does not list the applicant; check where the applicant is registered.`,
          },
        };
      }
      return { result: unusableOutcome(e), sentence: unusableSentence(e, rule.type) };
    }
    const s = e.license.surface;
    const no = text(s.householdNumber);
    const address = text(s.address);
    const id = facts.card.idNumber;
    const isHead = sameId(text(s.headIdNumber), id);
    const relation = isHead
      ? '户主'
      : (rows(s.members).find((m) => sameId(m.idNumber ?? '', id))?.relation ?? '').trim();
    const rel = relation
      ? { zh: `，与户主关系为${relation}`, en: ` (relation to the head: ${relation})` }
      : { zh: '', en: '' };
    const note = asOfNote(e.source);
    return {
      result: 'passed',
      source: e.source,
      detail: { zh: relation || '—', en: relation || '—' },
      sentence: {
        zh: `申请人登记在户号 ${no} 的户内${rel.zh}，户籍地址为${address}。${note.zh}`,
        en: `The applicant is registered in household No. ${no}${rel.en}, at ${address}.${note.en}`,
      },
    };
  },
};
