import { RuleError } from '../errors';
import { ageOn, dayTurning, localDate, parseDay } from '../dates';
import type { Evaluator } from '../evaluator';

export const ageAtLeast: Evaluator<'age-at-least'> = {
  label: { zh: '年龄条件', en: 'Age requirement' },
  evaluate(rule, { facts, params }) {
    const min = params[rule.param];
    if (typeof min !== 'number' || !Number.isInteger(min) || min < 0 || min > 150) {
      // A catalog mistake, not a fact about the citizen: stop loudly instead of printing a wrong card.
      throw new RuleError('RULE_PARAM_INVALID', `Rule "${rule.id}" needs the whole-number parameter "${rule.param}" (got ${JSON.stringify(min)}); fix the service item's params in resources/catalog.`);
    }
    const birth = parseDay(facts.card.birth);
    if (!birth) {
      return {
        result: 'unknown',
        sentence: { zh: '证件上的出生日期无法识别，无法核对年龄；请核对证件。', en: 'The date of birth on the card could not be read, so the age could not be checked; check the card.' },
      };
    }
    const age = ageOn(birth, localDate(facts.now));
    const detail = { zh: `${age} 周岁`, en: `${age}` };
    if (age >= min) {
      return {
        result: 'passed',
        detail,
        sentence: { zh: `申请人出生于 ${birth}，现年 ${age} 周岁，已满 ${min} 周岁。`, en: `The applicant was born on ${birth} and is ${age}, at least ${min}.` },
      };
    }
    const on = dayTurning(birth, min);
    return {
      result: 'failed',
      detail,
      sentence: {
        zh: `申请人出生于 ${birth}，现年 ${age} 周岁，未满 ${min} 周岁；${on} 起可以办理。`,
        en: `The applicant was born on ${birth} and is ${age}, under ${min}; they can apply from ${on}.`,
      },
    };
  },
};
