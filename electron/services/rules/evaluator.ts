import type { Bilingual, RuleKind, RuleOf } from './schema';
import type { CheckOutcome, CheckSource, Params, RuleFacts, SeasonIndexKey } from './types';

export interface EvalContext {
  facts: RuleFacts;
  params: Params;
  /** The case's local day (YYYY-MM-DD). */
  today: string;
  /** Per-evaluation scratch space, so evidence several rules read is looked up once. */
  memo: Record<string, unknown>;
  /** Whose evidence this is, for sentences about missing licenses (default the applicant; a parent for a subject rule). */
  holder?: Bilingual;
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
