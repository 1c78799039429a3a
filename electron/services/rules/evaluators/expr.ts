import { isCelError, isCelList } from '@bufbuild/cel';
import { asOfNote, unusableOutcome, unusableSentence } from '../evidence';
import type { EvalContext, Evaluator, Verdict } from '../evaluator';
import { compiledRule, type CompiledRule } from '../expr/rule';
import { cardValue, casesValue, celParams, licenseEvidence, licenseValue } from '../expr/bindings';
import type { TemplatePart } from '../expr/compile';
import type { Bilingual } from '../schema';
import type { CheckSource } from '../types';

type Bindings = Record<string, unknown>;

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (isCelList(v)) return [...v].map(show).join('、');
  return '—';
}

function fill(parts: readonly TemplatePart[], b: Bindings): string {
  return parts
    .map((p) =>
      typeof p === 'string'
        ? p
        : (() => {
            const r = p.run(b);
            return isCelError(r) ? '—' : show(r);
          })(),
    )
    .join('');
}

const fillBoth = (t: { zh: readonly TemplatePart[]; en: readonly TemplatePart[] }, b: Bindings): Bilingual => ({
  zh: fill(t.zh, b),
  en: fill(t.en, b),
});

/** Bindings shared by every expression rule of one evaluation: licenses are looked up once per case, not per rule. */
function shared(ctx: EvalContext): { card: Map<string, unknown>; params: Map<string, unknown>; today: string } {
  const memo = ctx.memo as { exprBase?: ReturnType<typeof shared> };
  return (memo.exprBase ??= { card: cardValue(ctx.facts), params: celParams(ctx.params), today: ctx.today });
}

function unreadable(c: CompiledRule, b: Bindings, why: string): Verdict {
  return {
    result: 'unknown',
    sentence: c.unknown
      ? fillBoth(c.unknown, b)
      : {
          zh: '核验所需的数据不完整或无法识别，无法得出结论；请核对证件或稍后重试。',
          en: `The data this check needs is incomplete or unreadable (${why}), so no conclusion could be drawn; check the documents or retry.`,
        },
  };
}

/**
 * Evidence first, the expression second, exactly as the built-in kinds do: a license the rule
 * reads that is unverified or could not be fetched makes the check unknown before anything runs;
 * one the registry answered without fails it (unless the rule says the expression decides).
 */
export const exprRule: Evaluator<'expr'> = {
  label: { zh: '条件核验', en: 'Condition' },
  evaluate(rule, ctx) {
    const c = compiledRule(rule);
    const base = shared(ctx);
    const lic = new Map<string, unknown>();
    let source: CheckSource | undefined;
    let absent: { code: string; evidence: Parameters<typeof unusableSentence>[0] } | undefined;
    for (const key of c.reads.licenses) {
      const { code, evidence } = licenseEvidence(ctx.facts, key, ctx.memo);
      if (evidence.state === 'found') {
        const memo = ctx.memo as { licenseValues?: Map<string, Map<string, unknown>> };
        const values = (memo.licenseValues ??= new Map());
        let value = values.get(key);
        if (!value) values.set(key, (value = licenseValue(evidence.license)));
        lic.set(key, value);
        if (!source || rule.source === key) source = evidence.source;
        continue;
      }
      if (evidence.state !== 'absent')
        return { result: 'unknown', sentence: unusableSentence(evidence, code, ctx.holder) };
      if (rule.absent === 'fail') absent ??= { code, evidence };
    }
    if (absent)
      return {
        result: unusableOutcome(absent.evidence),
        sentence: unusableSentence(absent.evidence, absent.code, ctx.holder),
      };
    const b: Bindings = { lic, card: base.card, params: base.params, today: base.today };
    if (c.reads.cases) {
      const cases = casesValue(ctx.facts);
      if (!cases) {
        return {
          result: 'unknown',
          sentence: {
            zh: '本机的历史办件记录暂时无法读取，无法核对；请重试，仍不行请联系管理员。',
            en: "This terminal's earlier cases could not be read, so this could not be checked; retry, and call the administrator if it persists.",
          },
        };
      }
      b.cases = cases;
    }
    const r = c.when.run(b);
    if (isCelError(r)) return unreadable(c, b, r.message);
    if (typeof r !== 'boolean') return unreadable(c, b, `the expression gave ${show(r)}, not true or false`);
    const note = asOfNote(source);
    const s = fillBoth(r ? c.passed : c.failed, b);
    return {
      result: r ? 'passed' : 'failed',
      sentence: { zh: s.zh + note.zh, en: s.en + note.en },
      ...(source ? { source } : {}),
      ...(c.detail ? { detail: fillBoth(c.detail, b) } : {}),
    };
  },
};
