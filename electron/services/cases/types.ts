import type { CardKind } from '../../api/types';
import type { RecordCipher } from '../crypto';
import type { CheckOutcome, CheckResult, SeasonIndexKey } from '../rules/types';

export type CaseState = 'open' | 'accepted' | 'completed' | 'voided';
export type CaseSource = 'card' | 'manual';

/** Seals personal data and hashes lookup keys; createCipher(key) from services/crypto is one. */
export type CaseCipher = Pick<RecordCipher, 'seal' | 'open' | 'keyedHash'>;

/** Who the case is about, as needed to print and reprint. Stored sealed only. */
export interface PersonSnapshot {
  name: string;
  idNumber: string;
  sex?: string;
  birth?: string;
  nation?: string;
  address?: string;
  cardKind?: CardKind;
}

export interface OpenCaseInput {
  hallId: string;
  counterId: string;
  clerkId: string;
  source: CaseSource;
  /** Required when source is 'manual': why the card could not be read. */
  manualReason?: string;
  person: PersonSnapshot;
  cardReadAt?: Date;
}

export interface LicenseUsed {
  identifier: string;
  typeCode: string;
  verification: 'verified' | 'unverified';
  source: 'registry' | 'cache';
  fetchedAt: string;
  /** Set when served from the cache: how old the data was. */
  asOf?: string;
}

export interface RecordChecksInput {
  licensesUsed: readonly LicenseUsed[];
  checks: readonly CheckResult[];
  /** Evaluation.seasonIndex: recorded so issuing this case blocks a second one for the address this season. */
  seasonIndex?: SeasonIndexKey;
  at?: Date;
}

export interface Reprint {
  serial: string;
  at: string;
  by: string;
  reason: string;
  printJobId?: string;
  printer?: string;
}

export interface CaseRecord extends Omit<OpenCaseInput, 'cardReadAt'> {
  id: string;
  itemCode?: string;
  licensesUsed: LicenseUsed[];
  checks: CheckResult[];
  eligible?: boolean;
  override?: { by: string; reason: string; at: string };
  serial?: string;
  state: CaseState;
  voided?: { reason: string; by: string; at: string };
  printJobId?: string;
  printer?: string;
  times: {
    cardReadAt: string;
    itemChosenAt?: string;
    checkedAt?: string;
    generatedAt?: string;
    jobAcceptedAt?: string;
    jobCompletedAt?: string;
  };
  reprints: Reprint[];
  hasDocument: boolean;
}

/** A case whose serial was issued but whose print was never confirmed: the clerk prints it or voids it. */
export interface InterruptedCase {
  caseId: string;
  serial: string;
  itemCode: string;
  hallId: string;
  counterId: string;
  clerkId: string;
  generatedAt: string;
  /** Set when the spooler had taken the job: check the printer's output before printing again. */
  printJobId?: string;
  printer?: string;
  jobAcceptedAt?: string;
  /**
   * Set when a send was under way and its answer never recorded: the spooler may hold a job for
   * this serial. Look it up there (findJobs) before sending again.
   */
  sendStartedAt?: string;
  sendPrinter?: string;
}

export interface CheckSummary {
  id: string;
  result: CheckOutcome;
}
