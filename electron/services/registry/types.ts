/**
 * Shapes shared by the registry client, the license cache and the case layer. The wire shapes
 * (licenses, catalog entries, issuers, usage elements) are the protocol's, shared with the sandbox;
 * what is only the app's (verification outcome, where a copy came from, the Registry port) is here.
 */
import type {
  CatalogEntry,
  LicenseRecord,
  ProgramArea,
  TrustedIssuer,
  UsageContext,
} from '../../../protocol/registry-types';

export type {
  CatalogEntry,
  LicenseRecord,
  LicenseSignature,
  ProgramArea,
  SurfaceValue,
  TrustedIssuer,
  UsageContext,
} from '../../../protocol/registry-types';

/**
 * The usage elements of a call, and optionally a replay key: a stable name for this use (a batch
 * line and its person). Every call made under it carries a request id derived from the key and
 * the call, so the same call repeated after a crash is the same use to the registry, not a second.
 */
export interface CallUsage extends UsageContext {
  replayKey?: string;
  /**
   * The batch line's person as the batch endpoint names it (`12`, `12f`, `12m`), sent as
   * X-Row-Key on every call of that person: the registry records one use per (app, case number,
   * row key) whichever endpoint answered, so a line whose batch answer was lost and is then asked
   * per person is still one use.
   */
  rowKey?: string;
}

export type VerificationState =
  | { state: 'verified'; issuer: string }
  | {
      state: 'unverified';
      reason: 'bad-signature' | 'unknown-issuer' | 'issuer-expired' | 'malformed';
      message: string;
    };

export interface FetchedLicense {
  license: LicenseRecord;
  verification: VerificationState;
  /** When this copy came from the registry (ISO). */
  fetchedAt: string;
  /** 'registry' for a live answer, 'cache' when served from the local cache. */
  source: 'registry' | 'cache';
}

/** What the case layer needs from the registry; the client implements it, tests may wrap it. */
export interface Registry {
  search(holderCode: string, usage: CallUsage, typeCodes?: string[]): Promise<CatalogEntry[]>;
  get(identifier: string, usage: CallUsage): Promise<FetchedLicense>;
  trustList(): Promise<TrustedIssuer[]>;
  cleanEnergyAreas(usage: UsageContext): Promise<ProgramArea[]>;
  /** Any program's area list (clean-energy, senior-meal…); optional so older test doubles still fit. */
  programAreas?(program: string, usage: UsageContext): Promise<ProgramArea[]>;
}
