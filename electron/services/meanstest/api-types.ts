import type { Bilingual } from '../../api/types';
import type { SourceKey } from './keys';
import type { Conclusion, ConsentKind, Figures, Finding, RuleOutcome } from './types';

/** The clerk's view of a case's household check; members are referred to by their index (`ref`). */
export interface MeansView {
  caseId: string;
  itemCode: string;
  household: { number: string; address: string };
  area: { name: Bilingual; incomeStandard: number; windowMonths: number };
  members: Array<{
    ref: number;
    name: string;
    idNumberMasked: string;
    relation: string;
    age: number;
    adult: boolean;
    consent: { kind: ConsentKind; at: string; guardian?: string; paperReason?: string; current: boolean } | null;
  }>;
  /** Adults whose authorisation is not on record for this version of the document. */
  consentMissing: string[];
  consentRefused: string[];
  documentHash: string;
  /** The member whose signature the citizen screen is waiting for. */
  pending?: { ref: number; name: string; guardian?: string };
  run?: {
    runNo: number;
    at: string;
    durationMs: number;
    conclusion: Conclusion;
    conclusionWords: Bilingual;
    missing: Array<{ key: SourceKey; name: Bilingual }>;
    figures: Figures;
    rules: Array<Pick<RuleOutcome, 'id' | 'label' | 'result' | 'sentence'> & { licenses: string[] }>;
    findings: Array<{
      ref: number;
      source: SourceKey | 'medical_bill';
      sourceName: Bilingual;
      state: Finding['state'];
      summary: Bilingual;
      queriedAt: string;
      asOf?: string;
      license?: { number: string; issuer: string };
    }>;
  };
  submitted?: { key: string; at: string; runNo: number };
}

/** Training: which economic sources of the sandbox are switched down (the panel's switches). */
export interface EconSourcesView {
  sources: Array<{ key: SourceKey; name: Bilingual; down: boolean }>;
}

/** What the citizen screen shows while it waits for one member's signature. */
export interface MeansSignRequest {
  caseId: string;
  documentHash: string;
  title: Bilingual;
  /** Masked: the signer's (or the guardian's) name with the middle hidden, and whom it is for. */
  signer: string;
  forMember?: string;
  sources: Bilingual[];
  windowMonths: number;
}
