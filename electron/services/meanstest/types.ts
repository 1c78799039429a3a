import type { Bilingual } from '../../api/types';
import type { SourceKey } from './keys';

/** A member of the verified household register, as the check needs them. */
export interface Member {
  name: string;
  idNumber: string;
  relation: string;
  birth: string;
  age: number;
  /** 18 or older on the day of the check: their own authorisation is needed. */
  adult: boolean;
}

/** What one source said about one member. */
export interface Finding {
  member: string;
  source: SourceKey;
  /** found: a verified record; unverified: a record that failed verification; error: no answer. */
  state: 'found' | 'unverified' | 'error' | 'none';
  queriedAt: string;
  /** The record's own as-of date (the source's data date). */
  asOf?: string;
  license?: { identifier: string; number: string; issuer: string; issuerCode: string };
  surface?: Record<string, string | Array<Record<string, string>>>;
  /** Why a record could not be used: the registry's error code, or the verification message. */
  problem?: { code: string; message: string };
  /** Short summary of what was found, zh and en. */
  summary?: Bilingual;
}

export type RuleResult = 'passed' | 'failed' | 'unknown';

export interface RuleOutcome {
  id: 'vehicle' | 'business' | 'homes' | 'income' | 'deposit' | 'medical-bill';
  label: Bilingual;
  result: RuleResult;
  sentence: Bilingual;
  /** The sources relied on, with their licenses. */
  sources: Array<{ source: SourceKey | 'medical_bill'; member: string; identifier?: string; issuer?: string }>;
}

export interface Figures {
  members: number;
  windowMonths: number;
  months: string[];
  /** Income counted over the window, yuan. */
  incomeTotal: number | null;
  incomePerPersonMonth: number | null;
  incomeStandard: number;
  homes: number | null;
  floorSpace: number | null;
  floorSpacePerPerson: number | null;
  floorSpaceLimitPerPerson: number;
}

export type Conclusion = 'eligible' | 'ineligible' | 'review';
export const CONCLUSION_WORDS: Record<Conclusion, Bilingual> = {
  eligible: { zh: '符合', en: 'Eligible' },
  ineligible: { zh: '不符合', en: 'Not eligible' },
  review: { zh: '需人工复核', en: 'Needs manual review' },
};

/** One run of the check, as stored (sealed) and shown. */
export interface CheckRun {
  caseId: string;
  runNo: number;
  at: string;
  clerkId: string;
  itemCode: string;
  household: { number: string; address: string; areaCode: string; registerId: string; registerAsOf?: string };
  area: { prefix: string; name: Bilingual };
  members: Member[];
  findings: Finding[];
  applicantExtra: Finding[];
  rules: RuleOutcome[];
  figures: Figures;
  conclusion: Conclusion;
  /** Sources that gave no usable answer for someone (down, error, unverified). */
  missing: SourceKey[];
  durationMs: number;
}

export type ConsentKind = 'signed' | 'paper' | 'refused';

/** The latest consent on record for a member (append-only rows; the newest wins). */
export interface ConsentState {
  member: string;
  kind: ConsentKind;
  documentHash: string;
  at: string;
  clerkId: string;
  guardian?: { name: string; idNumber: string; relation: string };
  paperReason?: string;
}
