import type { HallStatsRow } from '../../../protocol/hall-wire';

export type { HallStatsRow };
export interface HallLinkState {
  paired: boolean;
  url?: string;
  terminalId?: string;
  name?: string;
  pairedAt?: string;
  pairedBy?: string;
  /** Hall events waiting in the outbox (offline, or not yet delivered). */
  pending: number;
  /** The last delivery error, if the oldest pending message has one. */
  lastError?: string;
}

/** Where a case's prefill came from, for the form's notice. */
export type HallPrefillSource =
  { source: 'hall'; found: number } | { source: 'local'; reason: 'unpaired' | 'unreachable' | 'refused' | 'no-key' };

export interface HallHandlingRow {
  itemCode: string;
  cases: number;
  medianMs: number;
  p90Ms: number;
}

/** What the statistics screen shows, as scoped for the signed-in user (services/hall/scope.ts). */
export interface HallStatsView {
  /** The range and clerk actually used: a clerk always gets today and themselves. */
  scope: { from: string; to: string; clerk?: string; hallWide: boolean };
  by: 'total' | 'hour' | 'day' | 'window' | 'clerk' | 'item' | 'handling';
  rows: HallStatsRow[] | HallHandlingRow[];
}

/**
 * Bad ratings still being followed up: the hall's counts over every terminal when it answers
 * (`source: 'hall'`), else this terminal's own (`'terminal'`). A clerk gets their own only.
 */
export interface LocalBadRatings {
  open: number;
  overdue: number;
  source?: 'hall' | 'terminal';
}

export interface HallExportFile {
  fileName: string;
  /** XLSX bytes, base64. */
  base64: string;
}

export interface HallPoolReadRow {
  at: string;
  terminalId: string;
  clerkId: string;
  caseId: string;
  itemCode: string;
  /** The person's hash at the hall, shortened: who was read, never their name or number. */
  person: string;
  fields: string[];
}
