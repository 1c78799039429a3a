/**
 * The registry's wire shapes: what a license, a catalog entry, an issuer and the usage elements
 * look like on the wire. The app's registry client and the sandbox registry both speak them.
 * Field names follow the catalog fields of the provincial sharing APIs (docs/e-licenses.md).
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

/** The five usage elements plus the reason; every call touching a holder's data carries them (docs/e-licenses.md). */
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
