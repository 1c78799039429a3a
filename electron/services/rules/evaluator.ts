import type { Bilingual, RuleKind, RuleOf } from './schema';
import type { CheckOutcome, CheckSource, Params, RuleFacts, SeasonIndexKey } from './types';

export interface EvalContext {
  facts: RuleFacts;
  params: Params;
}

export interface Verdict {
  result: CheckOutcome;
  sentence: Bilingual;
  source?: CheckSource;
  detail?: Bilingual;
  seasonIndex?: SeasonIndexKey;
}

/** One generic predicate; items combine them in data (resources/catalog), never in code. */
export interface Evaluator<K extends RuleKind> {
  label: Bilingual;
  evaluate(rule: RuleOf<K>, ctx: EvalContext): Verdict;
}
