import type { Db } from '../db/open';
import type { RecordCipher } from '../crypto';
import type { HallKey } from '../certificates';
import type { Outbox } from '../outbox';
import type { FetchedLicense, Registry, UsageContext } from '../registry/types';
import type { SigningService } from '../signature/service';
import type { MeansConfig } from './config';

/** The case as the check needs it. Implemented over the flow in wiring; the flow's own rules (who may see a case) apply. */
export interface MeansCaseSeam {
  caseOf(caseId: string): {
    id: string;
    clerkId: string;
    itemCode?: string;
    itemName?: string;
    applicant: { name: string; idNumber: string };
    openedAt: string;
    /** False when the flow no longer holds the case (after a restart): rebuilt from its sealed record. */
    live?: boolean;
  };
  /** The applicant's household register, fetched under the case's usage (cache allowed, it says so). */
  householdRegister(caseId: string, applicantId: string, usage: UsageContext): Promise<FetchedLicense | undefined>;
  /** The application's form values when case.apply stored one (sent with the report). */
  applicationValues?(caseId: string): Record<string, string> | undefined;
  /** Whether the case is still the one at the counter (a signature is asked only for that one). */
  isCurrent?(caseId: string): boolean;
  /** The case at the counter now, whose requests the citizen screen shows. */
  current?(): string | null;
}

export interface MeansDeps {
  db: Db;
  cipher: RecordCipher;
  registry: Pick<Registry, 'search' | 'get'>;
  cfg: MeansConfig;
  seam: MeansCaseSeam;
  hallKey: HallKey;
  hall: { id: string; name: string };
  counter: string;
  organisation: string;
  training: boolean;
  clerk(): { id: string; name: string } | null;
  outbox?: Outbox;
  /** The shared signing service (created with the citizen screen, after this one). */
  signing?: () => SigningService | undefined;
  now?: () => Date;
  /** Local calendar day (YYYY-MM-DD) of a moment; the terminal's own calendar. */
  day?: (d: Date) => string;
}
