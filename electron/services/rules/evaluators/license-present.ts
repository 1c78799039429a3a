import { asOfNote, evidenceFor, text, unusableOutcome, unusableSentence } from '../evidence';
import type { Evaluator } from '../evaluator';
import { sameId } from '../household';

export const licensePresent: Evaluator<'license-present'> = {
  label: { zh: '电子证照已调取', en: 'Electronic license obtained' },
  evaluate(rule, { facts }) {
    // Only the applicant's own license counts; a relative's copy in the same fetch must not.
    const e = evidenceFor(facts, rule.type, (l) => sameId(l.certificateHolderCode, facts.card.idNumber));
    if (e.state !== 'found') return { result: unusableOutcome(e), sentence: unusableSentence(e, rule.type) };
    const name = e.source.typeName;
    if (rule.field && text(e.license.surface[rule.field]) === '') {
      return {
        result: 'failed',
        source: e.source,
        sentence: {
          zh: `申请人的${name}（证号 ${e.license.certificateNumber}）缺少所需信息（${rule.field}），请申请人到发证机关更新。`,
          en: `The applicant's ${name} (No. ${e.license.certificateNumber}) lacks the needed field "${rule.field}"; the applicant should have it updated by the issuer.`,
        },
      };
    }
    const note = asOfNote(e.source);
    return {
      result: 'passed',
      source: e.source,
      sentence: {
        zh: `已调取申请人的${name}（证号 ${e.license.certificateNumber}，${e.license.issueDept}签发）。${note.zh}`,
        en: `The applicant's ${name} (No. ${e.license.certificateNumber}, issued by ${e.license.issueDept}) was obtained.${note.en}`,
      },
    };
  },
};
