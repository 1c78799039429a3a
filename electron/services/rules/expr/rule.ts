import type { RuleOf } from '../schema';
import { compileExpr, compileTemplate, type CompiledExpr, type Reads, type TemplatePart } from './compile';

type ExprRule = RuleOf<'expr'>;
type Both = { zh: TemplatePart[]; en: TemplatePart[] };

export interface CompiledRule {
  when: CompiledExpr;
  /** What `when` reads: this, not the sentences, decides which evidence the check needs. */
  reads: Reads;
  passed: Both;
  failed: Both;
  unknown?: Both;
  detail?: Both;
}

// Compiled once per rule object: the catalog compiles every item at load, a test's ad-hoc rule on first use.
const cache = new WeakMap<ExprRule, CompiledRule>();

export function compileRule(rule: ExprRule, where = `rule "${rule.id}"`): CompiledRule {
  const both = (t: { zh: string; en: string }, part: string): Both => ({
    zh: compileTemplate(t.zh, `${where} ${part}.zh`),
    en: compileTemplate(t.en, `${where} ${part}.en`),
  });
  const when = compileExpr(rule.when, where);
  return {
    when,
    reads: when.reads,
    passed: both(rule.passed, 'passed'),
    failed: both(rule.failed, 'failed'),
    ...(rule.unknown ? { unknown: both(rule.unknown, 'unknown') } : {}),
    ...(rule.detail ? { detail: both(rule.detail, 'detail') } : {}),
  };
}

export function compiledRule(rule: ExprRule, where?: string): CompiledRule {
  let c = cache.get(rule);
  if (!c) {
    c = compileRule(rule, where);
    cache.set(rule, c);
  }
  return c;
}
