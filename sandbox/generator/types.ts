import type { PersonalLicenses } from './personal';
import type { EconProfile } from '../econ/types';
import type { SchoolData } from './school';

/** The synthetic world the sandbox serves. Licenses are not stored: they are derived from these on demand. */
export type Sex = '男' | '女';
export type CardKind = 'resident' | 'hmt_permit' | 'foreign_2023';

export interface Resident {
  idNumber: string;
  name: string;
  sex: Sex;
  nation: string;
  birth: string;
  address: string;
  areaCode: string;
  cardKind: CardKind;
  /** Index into World.households, -1 for none (permit holders). */
  household: number;
  relation: string;
  /** When the current card was issued (YYYY-MM-DD). */
  cardIssued: string;
  disability?: { category: string; grade: string };
  lowIncome?: { monthlyAmount: string; validFrom: string; validTo: string };
  seniorCard?: { issued: string };
  /** Drawing a pension (城镇职工 or 城乡居民 scheme). */
  pension?: { scheme: string; monthlyAmount: string; since: string; status: string };
  properties: number[];
  /** Demo faults baked into the data: a tampered resident-ID license, or one signed by a rogue issuer. */
  licenseFault?: 'tampered' | 'rogue-issuer' | 'tampered-all';
  demonstrates?: string;
}

export interface Household {
  number: string;
  type: string;
  address: string;
  areaCode: string;
  /** Resident indexes; the first is the head. */
  members: number[];
  registered: string;
}

export interface Property {
  kind: 'real_estate' | 'homestead';
  number: string;
  owners: number[];
  address: string;
  areaCode: string;
  village: string;
  use: string;
  area: string;
  issued: string;
}

export interface Place {
  areaCode: string;
  name: string;
  district: string;
  districtCode: string;
  town: string;
  village: boolean;
  urban: boolean;
  inProgram: boolean;
}

export interface World {
  seed: string;
  today: string;
  residents: Resident[];
  households: Household[];
  properties: Property[];
  places: Place[];
  byId: Map<string, number>;
  /** Driving licences, social security cards and the like: drawn after the rest, from a stream of their own. */
  personal: PersonalLicenses;
  /** Where the benefit demo residents (added after the random population, from a stream of their own) begin. */
  benefitDemo?: { resident: number; household: number; property: number };
  /** The means-test demo households' economic profiles, by resident index (generator/means-demo.ts). */
  means?: Map<number, EconProfile>;
  /** Leases and social-insurance months (generator/school.ts), from a stream of their own. */
  school?: SchoolData;
}
