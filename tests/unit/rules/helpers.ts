import { evaluate } from '../../../electron/services/rules/evaluate';
import { ruleSchema } from '../../../electron/services/rules/schema';
import type { CheckResult, Params, RuleFacts } from '../../../electron/services/rules/types';

/** Runs one rule, given as catalog JSON, through the schema and the engine. */
export function check(rule: Record<string, unknown>, facts: RuleFacts, params: Params = {}): CheckResult {
  const parsed = ruleSchema.parse({ id: 'r', ...rule });
  return evaluate({ code: 'test-item', rules: [parsed], params }, facts).checks[0]!;
}
