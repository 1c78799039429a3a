import { AppError } from '../errors';

export type RuleErrorCode = 'RULE_UNKNOWN_KIND' | 'RULE_PARAM_INVALID' | 'RULE_FACTS_INVALID' | 'RULE_EXPR_INVALID';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const RULE_ERRORS = {
  RULE_UNKNOWN_KIND: [],
  RULE_PARAM_INVALID: [],
  RULE_FACTS_INVALID: [],
  RULE_EXPR_INVALID: [],
} as const satisfies Record<RuleErrorCode, readonly string[]>;

/** A fault in the catalog data or the caller's facts, never a citizen's ineligibility (that is a failed check). */
export class RuleError extends AppError {
  declare readonly code: RuleErrorCode;
  constructor(code: RuleErrorCode, message: string) {
    super(code, message);
    this.name = 'RuleError';
  }
}
