import type { AuthorisationData } from './authorisation';
import type { areaRules } from './config';
import { MeansError } from './errors';
import type { Household } from './household';

/** A case's household and the authorisation its adults sign, as the service keeps them per case. */
export interface Prepared {
  hh: Household;
  auth: AuthorisationData;
  /** The authorisation's SM3: every signature and paper form is bound to it. */
  hash: string;
  area: ReturnType<typeof areaRules>;
}

export function memberAt(p: Prepared, ref: number): Household['members'][number] {
  const m = p.hh.members[ref];
  if (!m) throw new MeansError('MEANS_NO_MEMBER', `No member ${ref} in this household.`);
  return m;
}

/** The guardian signing for member `ref`: another adult of the same household, or an error. */
export function guardianFor(
  p: Prepared,
  ref: number,
  guardianRef?: number,
): { name: string; idNumber: string; relation: string } | undefined {
  if (guardianRef === undefined) return undefined;
  const g = p.hh.members[guardianRef];
  if (!g || guardianRef === ref || !g.adult)
    throw new MeansError('MEANS_GUARDIAN_INVALID', 'A guardian must be another adult member of the household.');
  return { name: g.name, idNumber: g.idNumber, relation: g.relation };
}
