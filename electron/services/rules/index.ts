export { evaluate, type RuleItem } from './evaluate';
export { certificateFacts, certificateChecks, certificatePhoto, type FactsItem } from './facts';
export { maskIdNumber } from '../../../protocol/id-mask';
export { normaliseAddress, sameAddress } from './address';
export { seasonFor, type SeasonWindow } from './season';
export { ruleSchema, bilingualSchema, type Rule, type RuleKind, type Bilingual } from './schema';
export { factSpecSchema, type FactSpec } from './facts-schema';
export { evaluators } from './registry';
export { followUpFetches, type FollowUpFetch } from './follow-up';
export { compileRule, compiledRule, type CompiledRule } from './expr/rule';
export {
  compileExpr,
  compileTemplate,
  templateReads,
  mergeReads,
  emptyReads,
  type CompiledExpr,
  type Reads,
} from './expr/compile';
export { licenseKeyType, licenseCodeKey, ROOTS, CARD_FIELDS } from './expr/names';
export { RuleError, type RuleErrorCode } from './errors';
export { knownLicenseType, licenseTypeName } from './type-names';
export type {
  EarlierCase,
  CardFacts,
  CheckOutcome,
  CheckResult,
  CheckSource,
  Evaluation,
  LicenseProblem,
  Params,
  RuleFacts,
  RuleSubject,
  SubjectFacts,
  SeasonIndexKey,
} from './types';
