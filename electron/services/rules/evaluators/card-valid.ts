import { localDate, parseDay } from '../dates';
import type { Evaluator } from '../evaluator';

const LONG_TERM = /^(长期|long[- ]?term)$/i;

export const cardValid: Evaluator<'card-valid'> = {
  label: { zh: '证件在有效期内', en: 'Card within its validity' },
  evaluate(_rule, { facts }) {
    const raw = facts.card.validTo.trim();
    if (LONG_TERM.test(raw))
      return {
        result: 'passed',
        sentence: { zh: '申请人的证件长期有效。', en: "The applicant's card has no expiry date." },
      };
    const validTo = parseDay(raw);
    if (!validTo) {
      return {
        result: 'unknown',
        sentence: {
          zh: '证件有效期无法识别，请人工核对证件。',
          en: "The card's expiry date could not be read; check the card by eye.",
        },
      };
    }
    // Valid through the whole of its last day.
    if (localDate(facts.now) <= validTo) {
      return {
        result: 'passed',
        sentence: {
          zh: `申请人的证件有效期至 ${validTo}，在有效期内。`,
          en: `The applicant's card is valid until ${validTo}.`,
        },
      };
    }
    return {
      result: 'failed',
      sentence: {
        zh: `申请人的证件已于 ${validTo} 过期，请申请人持有效证件办理。`,
        en: `The applicant's card expired on ${validTo}; the applicant needs a valid card.`,
      },
    };
  },
};
