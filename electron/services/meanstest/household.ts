import type { FetchedLicense } from '../registry/types';
import { MeansError } from './errors';
import type { Member } from './types';

/** Whole years between a birth day and a day (YYYY-MM-DD). */
export function ageOn(birth: string, day: string): number {
  const y = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return day.slice(5) < birth.slice(5) ? y - 1 : y;
}

export interface Household {
  number: string;
  address: string;
  areaCode: string;
  registerId: string;
  registerAsOf?: string;
  members: Member[];
}

/**
 * The members of the verified household register that lists the applicant: the whole household,
 * not only the applicant. An unverified register gives no members, so nothing is queried.
 */
export function householdFrom(register: FetchedLicense | undefined, applicantId: string, today: string): Household {
  if (!register || register.verification.state !== 'verified')
    throw new MeansError(
      'MEANS_NO_HOUSEHOLD',
      'No verified household register lists the applicant; the members cannot be known, so no source was queried.',
    );
  const s = register.license.surface;
  const rows = Array.isArray(s.members) ? s.members : [];
  const members: Member[] = rows
    .filter((r) => r.idNumber && r.name)
    .map((r) => {
      const birth = r.birth ?? '';
      const age = birth ? ageOn(birth, today) : 0;
      return { name: r.name!, idNumber: r.idNumber!, relation: r.relation ?? '', birth, age, adult: age >= 18 };
    });
  if (!members.some((m) => m.idNumber === applicantId))
    throw new MeansError('MEANS_NO_HOUSEHOLD', 'The household register found does not list the applicant.');
  return {
    number: typeof s.householdNumber === 'string' ? s.householdNumber : '',
    address: typeof s.address === 'string' ? s.address : '',
    areaCode: typeof s.areaCode === 'string' ? s.areaCode : register.license.certificateAreaCode,
    registerId: register.license.identifier,
    ...(register.source === 'cache' ? { registerAsOf: register.fetchedAt } : {}),
    members,
  };
}
