/**
 * Shapes shared by the registry client, the license cache and the case layer.
 * Field names follow the catalog fields of the provincial sharing APIs (REFERENCE §4).
 */

/** A surface value is a face field: text, or a list of rows for list fields (members, owners). */
export type SurfaceValue = string | Array<Record<string, string>>;

export interface LicenseSignature {
  /** 'SM2-SM3' with user id 1234567812345678. */
  alg: 'SM2-SM3';
  /** Issuer code whose trust-list key signed this license. */
  signer: string;
  /** Hex signature over the canonical JSON of the license without digitalSign. */
  value: string;
}

export interface LicenseRecord {
  /** 1.2.156.3005.2.<type>.<issuer>.<serial>.<version>.<check> */
  identifier: string;
  certificateType: string;
  certificateName: string;
  certificateHolder: string;
  certificateHolderCode: string;
  /** 111 = citizen ID number, 001 = unified social credit code. */
  certificateHolderType: string;
  issueDept: string;
  issueDeptCode: string;
  certificateNumber: string;
  issueDate: string;
  certificateValidateStart: string;
  certificateValidateEnd: string;
  certificateAreaCode: string;
  surface: Record<string, SurfaceValue>;
  digitalSign: LicenseSignature;
}

export type VerificationState =
  | { state: 'verified'; issuer: string }
  | { state: 'unverified'; reason: 'bad-signature' | 'unknown-issuer' | 'issuer-expired' | 'malformed'; message: string };

export interface FetchedLicense {
  license: LicenseRecord;
  verification: VerificationState;
  /** When this copy came from the registry (ISO). */
  fetchedAt: string;
  /** 'registry' for a live answer, 'cache' when served from the local cache. */
  source: 'registry' | 'cache';
}

/** The five usage elements plus the reason; every registry call carries them (REFERENCE §4). */
export interface UsageContext {
  organisation: string;
  clerk: string;
  itemName: string;
  itemCode: string;
  caseNumber: string;
  reason: string;
}

export interface CatalogEntry {
  identifier: string;
  certificateType: string;
  certificateName: string;
  certificateNumber: string;
  issueDept: string;
  issueDeptCode: string;
  certificateValidateEnd: string;
}

export interface TrustedIssuer {
  issuerCode: string;
  name: string;
  /** SM2 public key, hex (uncompressed, 04-prefixed). */
  publicKey: string;
  validFrom: string;
  validTo: string;
}

export interface ProgramArea {
  areaCode: string;
  name: string;
}

/** What the case layer needs from the registry; the client implements it, tests may wrap it. */
export interface Registry {
  search(holderCode: string, usage: UsageContext, typeCodes?: string[]): Promise<CatalogEntry[]>;
  get(identifier: string, usage: UsageContext): Promise<FetchedLicense>;
  trustList(): Promise<TrustedIssuer[]>;
  cleanEnergyAreas(usage: UsageContext): Promise<ProgramArea[]>;
  /** Any program's area list (clean-energy, senior-meal…); optional so older test doubles still fit. */
  programAreas?(program: string, usage: UsageContext): Promise<ProgramArea[]>;
}
