import { AppError } from '../errors';

export type RuleErrorCode = 'RULE_UNKNOWN_KIND' | 'RULE_PARAM_INVALID' | 'RULE_FACTS_INVALID' | 'RULE_EXPR_INVALID';

/** A fault in the catalog data or the caller's facts, never a citizen's ineligibility (that is a failed check). */
export class RuleError extends AppError {
  declare readonly code: RuleErrorCode;
  constructor(code: RuleErrorCode, message: string) {
    super(code, message);
    this.name = 'RuleError';
  }
}
