import { applicantHousehold, householdIds, sameId } from './household';
import type { Rule } from './schema';
import type { RuleFacts } from './types';

export interface FollowUpFetch {
  /** Holder to search for, another member of the applicant's household. */
  idNumber: string;
  typeCodes: string[];
}

/**
 * A holder search by the applicant returns only the applicant's own property licenses; a rule
 * with ownerScope 'household' also accepts the head's or a spouse's. This names the second round
 * of fetches (other members of the applicant's verified register, for the property types) so the
 * caller can add their licenses to the facts before evaluating. Empty when nothing more is needed.
 */
export function followUpFetches(
  item: { rules: readonly Rule[] },
  facts: Pick<RuleFacts, 'card' | 'licenses' | 'missing' | 'errors'>,
): FollowUpFetch[] {
  const types = [
    ...new Set(
      item.rules.flatMap((r) => (r.kind === 'property-at-address' && r.ownerScope === 'household' ? r.types : [])),
    ),
  ];
  if (types.length === 0) return [];
  const h = applicantHousehold(facts as RuleFacts);
  if (h.state !== 'found') return [];
  const others = [...new Set(householdIds(h.license).map((id) => id.toUpperCase()))].filter(
    (id) => !sameId(id, facts.card.idNumber),
  );
  return others.map((idNumber) => ({ idNumber, typeCodes: types }));
}
