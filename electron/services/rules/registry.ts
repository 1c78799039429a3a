import type { Evaluator } from './evaluator';
import { addressInProgram } from './evaluators/address-in-program';
import { cardValid } from './evaluators/card-valid';
import { householdMember } from './evaluators/household-member';
import { exprRule } from './evaluators/expr';
import { notIssuedThisSeason } from './evaluators/not-issued-this-season';
import { propertyAtAddress } from './evaluators/property-at-address';
import type { RuleKind } from './schema';

/** Every rule kind the catalog may use. Built-in kinds carry domain logic; every other check is an `expr` rule in the catalog (see README). */
export const evaluators: { readonly [K in RuleKind]: Evaluator<K> } = {
  'card-valid': cardValid,
  'household-member': householdMember,
  'property-at-address': propertyAtAddress,
  'address-in-program': addressInProgram,
  'not-issued-this-season': notIssuedThisSeason,
  expr: exprRule,
};
