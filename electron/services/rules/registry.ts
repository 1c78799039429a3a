import type { Evaluator } from './evaluator';
import { addressInProgram } from './evaluators/address-in-program';
import { ageAtLeast } from './evaluators/age-at-least';
import { cardValid } from './evaluators/card-valid';
import { householdMember } from './evaluators/household-member';
import { licensePresent } from './evaluators/license-present';
import { notIssuedThisSeason } from './evaluators/not-issued-this-season';
import { propertyAtAddress } from './evaluators/property-at-address';
import type { RuleKind } from './schema';

/** Every rule kind the catalog may use. Adding a kind: schema.ts + an evaluator + a line here (see README). */
export const evaluators: { readonly [K in RuleKind]: Evaluator<K> } = {
  'card-valid': cardValid,
  'household-member': householdMember,
  'property-at-address': propertyAtAddress,
  'address-in-program': addressInProgram,
  'not-issued-this-season': notIssuedThisSeason,
  'age-at-least': ageAtLeast,
  'license-present': licensePresent,
};
