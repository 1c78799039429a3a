import { localDate } from './dates';
import { RuleError } from './errors';
import type { EvalContext, Evaluator, Verdict } from './evaluator';
import { evaluators } from './registry';
import type { Rule, RuleKind } from './schema';
import type { CheckResult, Evaluation, Params, RuleFacts, RuleSubject } from './types';

/** What the engine needs from a service item; catalog items satisfy it. */
export interface RuleItem {
  code: string;
  rules: readonly Rule[];
  params: Params;
}

function run(rule: Rule, ctx: EvalContext): Verdict {
  const ev = evaluators[rule.kind] as Evaluator<RuleKind> | undefined;
  if (!ev)
    throw new RuleError(
      'RULE_UNKNOWN_KIND',
      `Rule "${rule.id}" has kind "${rule.kind}", which this app version does not know; update the app or fix resources/catalog.`,
    );
  try {
    return ev.evaluate(rule as never, ctx);
  } catch (e) {
    if (e instanceof RuleError) throw e;
    // A bug in one evaluator must not hide the other checks; the check blocks printing instead.
    return {
      result: 'unknown',
      sentence: {
        zh: '该项核验时程序出错，无法得出结论；请重试，仍不行请联系管理员。',
        en: `This check failed with an internal error (${e instanceof Error ? e.message : String(e)}); retry, and call the administrator if it persists.`,
      },
    };
  }
}

function assertFacts(facts: RuleFacts): void {
  if (!(facts.now instanceof Date) || Number.isNaN(facts.now.getTime())) {
    throw new RuleError(
      'RULE_FACTS_INVALID',
      'The rules were given no valid current time; this is a bug in the caller.',
    );
  }
  if (!facts.card?.idNumber)
    throw new RuleError('RULE_FACTS_INVALID', 'The rules were given a card without an ID number; read the card again.');
}

/**
 * A rule about a parent runs on that parent's evidence, with the child's ID number as
 * `params.childIdNumber` (so it can ask whether the parent's register lists the child), and a
 * memo of its own. Built once per subject per evaluation.
 */
function subjectContext(
  ctx: EvalContext,
  subject: RuleSubject,
  memo: Map<string, EvalContext | null>,
): EvalContext | null {
  let c = memo.get(subject);
  if (c !== undefined) return c;
  const s = ctx.facts.subjects?.[subject];
  c = s
    ? {
        facts: { ...s, now: ctx.facts.now, issuedForAddress: () => [] },
        params: { ...ctx.params, childIdNumber: ctx.facts.card.idNumber },
        today: ctx.today,
        memo: {},
        holder: SUBJECT_WORD[subject],
      }
    : null;
  memo.set(subject, c);
  return c;
}

const SUBJECT_ZH: Record<RuleSubject, string> = { father: '父亲', mother: '母亲' };
const SUBJECT_WORD: Record<RuleSubject, { zh: string; en: string }> = {
  father: { zh: '父亲', en: 'the father' },
  mother: { zh: '母亲', en: 'the mother' },
};

function notNamed(subject: RuleSubject): Verdict {
  return {
    result: 'unknown',
    sentence: {
      zh: `名单未列出申请人的${SUBJECT_ZH[subject]}（身份证号），无法核对此项；请补充后重新核验。`,
      en: `The list names no ${subject} of the applicant (ID number), so this could not be checked; add it and check again.`,
    },
  };
}

/**
 * Runs every rule of the item in catalog order. A failed or unknown check blocks printing; only a
 * supervisor override (recorded on the case with a reason) may lift that.
 */
export function evaluate(item: RuleItem, facts: RuleFacts, params: Params = {}): Evaluation {
  assertFacts(facts);
  const ctx: EvalContext = { facts, params: { ...item.params, ...params }, today: localDate(facts.now), memo: {} };
  const checks: CheckResult[] = [];
  let seasonIndex: Evaluation['seasonIndex'];
  const others = new Map<string, EvalContext | null>();
  for (const rule of item.rules) {
    const subject = rule.kind === 'expr' ? rule.subject : undefined;
    const sctx = subject ? subjectContext(ctx, subject, others) : ctx;
    const v = sctx ? run(rule, sctx) : notNamed(subject!);
    const label = rule.label ?? (evaluators[rule.kind] as Evaluator<RuleKind>).label;
    checks.push({
      id: rule.id,
      kind: rule.kind,
      label,
      result: v.result,
      sentence: v.sentence,
      ...(v.source ? { source: v.source } : {}),
      ...(v.detail ? { detail: v.detail } : {}),
    });
    seasonIndex ??= v.seasonIndex;
  }
  const blocking = checks.filter((c) => c.result !== 'passed');
  return { checks, eligible: blocking.length === 0, blocking, ...(seasonIndex ? { seasonIndex } : {}) };
}
