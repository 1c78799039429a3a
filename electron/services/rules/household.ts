import type { LicenseRecord } from '../registry/types';
import { evidenceFor, rows, text, type Evidence } from './evidence';
import type { Bilingual } from './schema';
import type { RuleFacts } from './types';

export const sameId = (a: string, b: string): boolean =>
  a.trim().toUpperCase() === b.trim().toUpperCase() && a.trim() !== '';

/** ID numbers of everyone the register lists: the head and each member. */
export function householdIds(l: LicenseRecord): string[] {
  const ids = rows(l.surface.members).map((m) => m.idNumber ?? '');
  return [text(l.surface.headIdNumber), ...ids].filter((s) => s !== '');
}

export const listsPerson = (l: LicenseRecord, idNumber: string): boolean =>
  householdIds(l).some((id) => sameId(id, idNumber));

/** The applicant's household register: one that lists the card's ID number. */
export const applicantHousehold = (facts: RuleFacts, typeCode = '111002'): Evidence =>
  evidenceFor(facts, typeCode, (l) => listsPerson(l, facts.card.idNumber));

/** Sentence for a check that needs the registered address when the household register is not usable. */
export const noRegisteredAddress = (what: Bilingual): Bilingual => ({
  zh: `未能确认申请人的户籍地址（见户籍核验），无法核对${what.zh}。`,
  en: `The applicant's registered address could not be established (see the household check), so ${what.en} could not be checked.`,
});
