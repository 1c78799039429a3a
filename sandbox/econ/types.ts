import sourcesJson from '../../resources/meanstest/sources.json';

/** The seven economic sources (resources/meanstest/sources.json), each a license type of its own. */
export type SourceKey = 'housing_fund' | 'property' | 'vehicle' | 'social_security' | 'business' | 'tax' | 'deposit';
export const SOURCE_KEYS: readonly SourceKey[] = [
  'housing_fund',
  'property',
  'vehicle',
  'social_security',
  'business',
  'tax',
  'deposit',
];

export interface SourceDef {
  key: SourceKey;
  typeCode: string;
  issuer: string;
  issuerCode: string;
  issuerZh: string;
  issuerEn: string;
  nameZh: string;
  nameEn: string;
}
export const SOURCES: readonly SourceDef[] = sourcesJson.sources as SourceDef[];
export const SOURCE_BY_TYPE = new Map(SOURCES.map((s) => [s.typeCode, s]));
export const MEDICAL_BILL = sourcesJson.healthCommission;

export interface Vehicle {
  plate: string;
  type: string;
  use: string;
  registered: string;
}
export interface CompanyRole {
  company: string;
  creditCode: string;
  role: string;
  status: string;
}

/**
 * One person's economic situation as the sources know it. Monthly figures are the same every
 * month of the window unless `taxByMonth` says otherwise; the property source reads the world's
 * properties and the social security source the world's pensions.
 */
export interface EconProfile {
  taxMonthly: number;
  /** month offset (1 = last full month) -> amount, overriding taxMonthly. */
  taxByMonth?: Record<number, number>;
  housingFund?: {
    account: string;
    status: string;
    base: number;
    withdrawals?: Array<{ ago: number; amount: number; reason: string }>;
  };
  /** Employee social insurance: contribution base (the employer pays for this person). */
  contributionBase?: number;
  vehicles: Vehicle[];
  roles: CompanyRole[];
  depositBand: number;
  /** A source whose record of this person is served altered after signing (it fails verification). */
  tampered?: SourceKey[];
  /** 大病救助: a hospital stay with its diagnosis and bill. */
  hospital?: {
    hospital: string;
    diagnosis: string;
    admitted: string;
    discharged: string;
    total: number;
    insurancePaid: number;
  };
}
