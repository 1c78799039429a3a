import { normaliseAddress } from '../address';
import { asOfNote, text } from '../evidence';
import type { Evaluator } from '../evaluator';
import { applicantHousehold, noRegisteredAddress } from '../household';
import type { ProgramArea } from '../../registry/types';

/** A listed code covers itself and, if shorter (a town or district), every area code under it. */
const covers = (area: ProgramArea, code: string) =>
  code !== '' && (area.areaCode === code || (area.areaCode.length < code.length && code.startsWith(area.areaCode)));

export const addressInProgram: Evaluator<'address-in-program'> = {
  label: { zh: '地址在实施范围内', en: 'Address in the program area' },
  evaluate(rule, { facts }) {
    const h = applicantHousehold(facts);
    if (h.state !== 'found')
      return {
        result: 'unknown',
        sentence: noRegisteredAddress({ zh: '是否在实施范围内', en: 'whether it is in the program' }),
      };
    const areas = facts.programAreas?.[rule.program];
    if (!areas) {
      return {
        result: 'unknown',
        sentence: {
          zh: '暂时未能取得实施范围名单，无法核对地址是否在实施范围内；请稍后重试。',
          en: 'The list of program areas could not be obtained, so the address could not be checked against it; try again later.',
        },
      };
    }
    const address = text(h.license.surface.address);
    const code = text(h.license.surface.areaCode);
    const norm = normaliseAddress(address);
    // Registers without an area code fall back to the area's name appearing in the address.
    const hit =
      areas.find((a) => covers(a, code)) ??
      (code === '' ? areas.find((a) => a.name !== '' && norm.includes(normaliseAddress(a.name))) : undefined);
    const note = asOfNote(h.source);
    if (hit) {
      return {
        result: 'passed',
        source: h.source,
        detail: { zh: hit.name, en: hit.name },
        sentence: {
          zh: `户籍地址${address}属于${hit.name}，在实施范围内。${note.zh}`,
          en: `The registered address ${address} lies in ${hit.name}, which is in the program.${note.en}`,
        },
      };
    }
    return {
      result: 'failed',
      source: h.source,
      sentence: {
        zh: `户籍地址${address}不在实施范围内，不能出具本证明。`,
        en: `The registered address ${address} is not in the program area; this certificate cannot be issued.`,
      },
    };
  },
};
