import type { CardKind } from '../../api/types';
import type { FetchedLicense, ProgramArea } from '../registry/types';
import type { Bilingual } from './schema';

export type CheckOutcome = 'passed' | 'failed' | 'unknown';

/** Where a check's evidence came from; asOf is set only when the license was served from the cache. */
export interface CheckSource {
  typeCode: string;
  typeName: string;
  number: string;
  issuer: string;
  identifier: string;
  asOf?: string;
}

export interface CheckResult {
  id: string;
  kind: string;
  label: Bilingual;
  result: CheckOutcome;
  /** What was checked and found, in words a clerk can read out to the citizen. */
  sentence: Bilingual;
  source?: CheckSource;
  /** A short value the certificate may show (relation, program area, season, age); never used for decisions. */
  detail?: Bilingual;
}

/** The card as read on the main side (unmasked number). birth / validTo: YYYY-MM-DD; validTo may be '长期'. */
export interface CardFacts {
  name: string;
  idNumber: string;
  birth: string;
  validTo: string;
  kind: CardKind;
  /** As the card prints it (男/女); optional for callers that do not have it. */
  sex?: string;
}

/** An earlier case of the same person at this terminal, for rules such as "not granted this year". */
export interface EarlierCase {
  itemCode: string;
  state: string;
  /** Local day the case was opened, YYYY-MM-DD. */
  day: string;
}

/** A license that was asked for and not delivered, as LicenseService reports it in FetchResult.errors. */
export interface LicenseProblem {
  typeCode?: string;
  code: string;
  message: string;
}

export interface RuleFacts {
  card: CardFacts;
  licenses: readonly FetchedLicense[];
  /** Types requested but not delivered (FetchResult.missing): their absence means "could not check", not "has none". */
  missing?: readonly string[];
  errors?: readonly LicenseProblem[];
  /** Program areas by program id (e.g. 'clean-energy'); a program absent here could not be fetched. */
  programAreas?: Readonly<Record<string, readonly ProgramArea[]>>;
  now: Date;
  /** Earlier cases of this person; absent when they could not be read (a rule reading them is then unknown). */
  earlierCases?: readonly EarlierCase[];
  /** Serials already issued for this item at the normalised address within [seasonStart, seasonEnd] (YYYY-MM-DD). */
  issuedForAddress(addressKey: string, seasonStart: string, seasonEnd: string): readonly string[];
  /**
   * ID numbers whose titles and leases count as the applicant's own (`lic.real_estate`,
   * `lic.lease`): a child's parents, whose home is the child's.
   */
  householdOwners?: readonly string[];
  /** The evidence of the people a rule with `subject` reads (a child's parents); one absent is "not named". */
  subjects?: Partial<Record<RuleSubject, SubjectFacts>>;
}

export type RuleSubject = 'father' | 'mother';
export type SubjectFacts = Pick<RuleFacts, 'card' | 'licenses' | 'missing' | 'errors'>;

export type Params = Readonly<Record<string, number | string | boolean>>;

/** Where a "once per season per address" certificate is recorded once it is issued. */
export interface SeasonIndexKey {
  addressKey: string;
  seasonStart: string;
  seasonEnd: string;
}

export interface Evaluation {
  checks: CheckResult[];
  eligible: boolean;
  /** Checks that stop printing unless a supervisor overrides them with a reason. */
  blocking: CheckResult[];
  /** Set when the item is limited per address and season: pass it to recordChecks so issuing records it. */
  seasonIndex?: SeasonIndexKey;
}
