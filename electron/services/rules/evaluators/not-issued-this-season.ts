import { normaliseAddress } from '../address';
import { text } from '../evidence';
import type { Evaluator } from '../evaluator';
import { applicantHousehold, noRegisteredAddress } from '../household';
import { seasonFor } from '../season';

export const notIssuedThisSeason: Evaluator<'not-issued-this-season'> = {
  label: { zh: '本季未重复开具', en: 'Not issued this season' },
  evaluate(rule, { facts }) {
    const h = applicantHousehold(facts);
    if (h.state !== 'found')
      return {
        result: 'unknown',
        sentence: noRegisteredAddress({ zh: '本季是否已开具', en: 'whether one was already issued this season' }),
      };
    const address = text(h.license.surface.address);
    const addressKey = normaliseAddress(address);
    const season = seasonFor(facts.now, rule.season.fromMonthDay, rule.season.toMonthDay);
    const span = `${season.start} – ${season.end}`;
    const detail = { zh: `${season.start} 至 ${season.end}`, en: span };
    const seasonIndex = { addressKey, seasonStart: season.start, seasonEnd: season.end };
    let serials: readonly string[];
    try {
      serials = facts.issuedForAddress(addressKey, season.start, season.end);
    } catch {
      return {
        result: 'unknown',
        detail,
        sentence: {
          zh: '本机开具记录暂时无法读取，无法核对本季是否已开具；请重试，仍不行请联系管理员。',
          en: "This terminal's issue records could not be read, so a repeat issue could not be ruled out; retry, and call the administrator if it persists.",
        },
      };
    }
    if (serials.length > 0) {
      return {
        result: 'failed',
        detail,
        seasonIndex,
        sentence: {
          zh: `该地址本采暖季（${detail.zh}）已开具过本证明（编号 ${serials.join('、')}），不能重复开具；如原证明遗失，请按补打办理。`,
          en: `A certificate was already issued for this address this heating season (${span}; serial ${serials.join(', ')}); it cannot be issued twice. If it was lost, reprint it instead.`,
        },
      };
    }
    return {
      result: 'passed',
      detail,
      seasonIndex,
      sentence: {
        zh: `该地址本采暖季（${detail.zh}）尚未开具过本证明。`,
        en: `No certificate has been issued for this address this heating season (${span}).`,
      },
    };
  },
};
