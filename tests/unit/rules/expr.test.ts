import { describe, expect, it } from 'vitest';
import { compileExpr, RuleError } from '../../../electron/services/rules';
import {
  baseFacts,
  HEAD,
  householdRegister,
  license,
  SPOUSE,
  unverified,
  verified,
} from '../../helpers/cases/fixtures';
import { check } from './helpers';

const disability = (holder = HEAD, grade = '一级') =>
  license('114001', holder, `${holder.idNumber}41`, {
    name: holder.name,
    idNumber: holder.idNumber,
    category: '肢体残疾',
    grade,
    cardNumber: `${holder.idNumber}41`,
  });
const severe = {
  kind: 'expr',
  label: { zh: '重度残疾', en: 'Severe disability' },
  when: "lic.disability.grade in ['一级', '二级']",
  passed: {
    zh: '申请人持有残疾人证（{{lic.disability.category}}{{lic.disability.grade}}）。',
    en: 'Holds a disability certificate ({{lic.disability.grade}}).',
  },
  failed: { zh: '残疾等级为{{lic.disability.grade}}。', en: 'Grade {{lic.disability.grade}}.' },
  detail: { zh: '{{lic.disability.category}}{{lic.disability.grade}}', en: '{{lic.disability.grade}}' },
};
const withDisability = (...l: ReturnType<typeof verified>[]) =>
  baseFacts({ licenses: [verified(householdRegister()), ...l] });

describe('expression rules: the evidence semantics of the built-in kinds', () => {
  it('passes on a verified license, with the values filled into the sentence and the license named as source', () => {
    const c = check(severe, withDisability(verified(disability())));
    expect(c).toMatchObject({ result: 'passed', kind: 'expr', label: severe.label, detail: { zh: '肢体残疾一级' } });
    expect(c.sentence.zh).toBe('申请人持有残疾人证（肢体残疾一级）。');
    expect(c.source).toMatchObject({ typeCode: '114001', number: `${HEAD.idNumber}41` });
  });

  it('fails when the expression is false', () => {
    const c = check(severe, withDisability(verified(disability(HEAD, '三级'))));
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toBe('残疾等级为三级。');
  });

  it('is unknown on an unverified license, saying which and why, and never runs the expression on it', () => {
    const c = check(severe, withDisability(unverified(disability())));
    expect(c.result).toBe('unknown');
    expect(c.sentence.zh).toContain('残疾人证');
    expect(c.sentence.zh).toContain('电子签名无效');
  });

  it('is unknown when the type was not delivered or the registry failed; failed when it answered without', () => {
    expect(check(severe, baseFacts({ missing: ['114001'] })).result).toBe('unknown');
    expect(
      check(severe, baseFacts({ errors: [{ typeCode: '114001', code: 'REGISTRY_TIMEOUT', message: 't' }] })).result,
    ).toBe('unknown');
    expect(check(severe, baseFacts({ errors: [{ code: 'REGISTRY_UNAVAILABLE', message: 'down' }] })).result).toBe(
      'unknown',
    );
    const none = check(severe, baseFacts());
    expect(none.result).toBe('failed');
    expect(none.sentence.zh).toBe('共享平台未查到申请人的残疾人证，请申请人提供残疾人证原件。');
  });

  it("counts only the applicant's own license, not a relative's in the same fetch", () => {
    expect(check(severe, withDisability(verified(disability(SPOUSE)))).result).toBe('failed');
  });

  it('says when cached data was used', () => {
    const c = check(severe, withDisability(verified(disability(), 'cache', '2025-11-19T01:00:00.000Z')));
    expect(c.source?.asOf).toBe('2025-11-19T01:00:00.000Z');
    expect(c.sentence.zh).toMatch(/本地缓存数据，截至 2025-11-19/);
  });

  it("with absent 'evaluate' the expression decides on a missing license (has), still unknown on an unverified one", () => {
    const none = {
      ...severe,
      when: '!has(lic.disability)',
      absent: 'evaluate',
      passed: { zh: '无残疾人证。', en: 'None.' },
      failed: { zh: '有残疾人证（{{lic.disability.grade}}）。', en: 'Has one.' },
    };
    expect(check(none, baseFacts()).result).toBe('passed');
    expect(check(none, withDisability(verified(disability()))).sentence.zh).toBe('有残疾人证（一级）。');
    expect(check(none, withDisability(unverified(disability()))).result).toBe('unknown');
  });

  it('reads card fields, dates, counts and params, and is unknown when a value it needs cannot be read', () => {
    const rule = {
      kind: 'expr',
      label: { zh: '甲', en: 'a' },
      when: 'card.age >= params.min && size(lic.household_register.members) == 2 && days_between(card.birth, today) > 0 && years_between(card.birth, today) == card.age',
      passed: { zh: '{{card.age}} 岁，{{size(lic.household_register.members)}} 人', en: 'ok' },
      failed: { zh: '否', en: 'no' },
    };
    const c = check(rule, baseFacts(), { min: 50 });
    expect(c.result).toBe('passed');
    expect(c.sentence.zh).toBe('57 岁，2 人');
    expect(check(rule, baseFacts(), { min: 60 }).result).toBe('failed');
    expect(check(rule, baseFacts({ card: { ...baseFacts().card, birth: '1968-13-40' } }), { min: 50 }).result).toBe(
      'unknown',
    );
  });

  it("reads this person's earlier cases when they are given, and is unknown when they could not be read", () => {
    const rule = {
      kind: 'expr',
      label: { zh: '本年未领取', en: 'Not this year' },
      when: "!cases.exists(c, c.item == 'longevity-allowance' && c.day >= '2025-01-01' && c.state != 'voided')",
      passed: { zh: '本年未申领。', en: 'Not yet.' },
      failed: { zh: '本年已申领。', en: 'Already.' },
    };
    expect(check(rule, baseFacts({ earlierCases: [] })).result).toBe('passed');
    expect(
      check(
        rule,
        baseFacts({ earlierCases: [{ itemCode: 'longevity-allowance', state: 'completed', day: '2025-03-01' }] }),
      ).result,
    ).toBe('failed');
    expect(
      check(
        rule,
        baseFacts({ earlierCases: [{ itemCode: 'longevity-allowance', state: 'voided', day: '2025-03-01' }] }),
      ).result,
    ).toBe('passed');
    expect(check(rule, baseFacts()).result).toBe('unknown');
  });

  it('a non-boolean result is unknown rather than a pass', () => {
    expect(check({ ...severe, when: 'lic.disability.grade' }, withDisability(verified(disability()))).result).toBe(
      'unknown',
    );
  });
});

describe('expressions cannot reach anything outside their evidence', () => {
  const refused = (source: string) => {
    expect(() => compileExpr(source, 'test'), source).toThrow(RuleError);
    try {
      compileExpr(source, 'test');
    } catch (e) {
      expect((e as RuleError).code).toBe('RULE_EXPR_INVALID');
    }
  };

  it.each([
    'process.exit(1)',
    "exec('ls')",
    "card.name.eval('1')",
    'globalThis.process',
    "require('fs')",
    'this',
    'constructor',
    'Function',
    "lic['disability'].grade",
    'size(lic)',
    'lic.exists(k, true)',
    'lic.disability.__proto__',
    'lic.disability.constructor',
    'lic.nope.grade',
    'card.constructor',
    'card["name"]',
    'params',
    'facts.licenses',
    'x.y',
  ])('refuses %s when the catalog is loaded', (source) => refused(source));

  it('refuses what does not parse', () => {
    refused('card.age >=');
    refused("'unterminated");
  });

  it('walking past a field onto JavaScript internals gives an error (unknown), never a value', () => {
    const facts = withDisability(verified(disability()));
    for (const when of [
      "lic.disability.grade.constructor == ''",
      "lic.household_register.members[0]['__proto__'] == null",
      "lic.household_register.members[0].constructor == ''",
      "lic.disability.grade.matches('(a+)+$') || true",
    ]) {
      const c = check({ ...severe, when }, facts);
      expect(c.result === 'unknown' || (c.result === 'passed' && when.endsWith('|| true')), when).toBe(true);
    }
  });

  it('sees only the licenses it reads: another type in the fetch is not bound', () => {
    // The rule reads disability only; the household register is in the facts but not in `lic`.
    const c = compileExpr("lic.disability.grade == '一级'", 'test');
    expect([...c.reads.licenses]).toEqual(['disability']);
    const r = check(
      {
        ...severe,
        when: "lic.disability.grade == '一级'",
        passed: { zh: "{{has(lic.household_register) ? '看得见' : '看不见'}}", en: 'x' },
      },
      withDisability(verified(disability())),
    );
    expect(r.sentence.zh).toBe('看不见');
  });
});

describe('expression rules about a parent (subject)', () => {
  const insured = {
    kind: 'expr',
    subject: 'father',
    label: { zh: '父亲在本市参保', en: 'Father insured' },
    when: "lic.social_insurance.status == '正常参保'",
    passed: { zh: '父亲正常参保。', en: 'Insured.' },
    failed: { zh: '父亲未正常参保。', en: 'Not insured.' },
  };
  const father = { card: { ...baseFacts().card, name: SPOUSE.name, idNumber: SPOUSE.idNumber }, licenses: [] };

  it("says the father's license is missing, not the applicant's", () => {
    const c = check(insured, baseFacts({ subjects: { father: { ...father, missing: [], errors: [] } } }));
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toBe('共享平台未查到父亲的社会保险参保缴费证明，请父亲提供社会保险参保缴费证明原件。');
    expect(c.sentence.en).toContain('for the father; ask the father');
    expect(c.sentence.zh).not.toContain('申请人');
  });

  it('is unknown, saying the list names no father, when none is named', () => {
    const c = check(insured, baseFacts());
    expect(c.result).toBe('unknown');
    expect(c.sentence.zh).toContain('名单未列出申请人的父亲');
  });
});
