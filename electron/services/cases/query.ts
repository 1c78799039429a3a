import type { Db } from '../db/open';
import type { CheckResult } from '../rules/types';
import { loadRow, openJson, type CaseRow } from './store';
import type { CaseCipher, CaseRecord, InterruptedCase, LicenseUsed, PersonSnapshot, Reprint } from './types';

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** The whole case, personal data opened. Every call is a personal-data access: the caller audits it. */
export function getCase(db: Db, cipher: CaseCipher, caseId: string): CaseRecord {
  const r = loadRow(db, caseId);
  const evidence = r.evidence
    ? openJson<{ licensesUsed: LicenseUsed[]; checks: CheckResult[] }>(cipher, r.id, 'evidence', r.evidence)
    : undefined;
  const reprints = (
    db
      .prepare('SELECT serial, at, by, reason, print_job_id, printer FROM case_reprints WHERE case_id = ? ORDER BY id')
      .all(caseId) as Array<{
      serial: string;
      at: string;
      by: string;
      reason: string;
      print_job_id: string | null;
      printer: string | null;
    }>
  ).map((p): Reprint => ({
    serial: p.serial,
    at: p.at,
    by: p.by,
    reason: p.reason,
    printJobId: opt(p.print_job_id),
    printer: opt(p.printer),
  }));
  return {
    id: r.id,
    hallId: r.hall_id,
    counterId: r.counter_id,
    clerkId: r.clerk_id,
    source: r.source,
    manualReason: opt(r.manual_reason),
    person: openJson<PersonSnapshot>(cipher, r.id, 'person', r.person),
    itemCode: opt(r.item_code),
    licensesUsed: evidence?.licensesUsed ?? [],
    checks: evidence?.checks ?? [],
    eligible: r.eligible === null ? undefined : r.eligible === 1,
    override:
      r.override_by !== null ? { by: r.override_by, reason: r.override_reason!, at: r.override_at! } : undefined,
    serial: opt(r.serial),
    state: r.state,
    voided: r.state === 'voided' ? { reason: r.void_reason!, by: r.voided_by!, at: r.voided_at! } : undefined,
    printJobId: opt(r.print_job_id),
    printer: opt(r.printer),
    times: {
      cardReadAt: r.card_read_at,
      itemChosenAt: opt(r.item_chosen_at),
      checkedAt: opt(r.checked_at),
      generatedAt: opt(r.generated_at),
      jobAcceptedAt: opt(r.job_accepted_at),
      jobCompletedAt: opt(r.job_completed_at),
    },
    reprints,
    hasDocument: r.document !== null,
  };
}

/** The document stored at issue (see IssueOptions.document), for a reprint identical to the original. */
export function getDocument<T = unknown>(db: Db, cipher: CaseCipher, caseId: string): T | undefined {
  const r = loadRow(db, caseId);
  return r.document ? openJson<T>(cipher, r.id, 'document', r.document) : undefined;
}

/** Cases whose certificate was issued but not confirmed printed, oldest first. No personal data. */
export function listInterrupted(db: Db, opts: { counterId?: string } = {}): InterruptedCase[] {
  const rows = db
    .prepare(`SELECT * FROM cases WHERE state = 'accepted' AND (? IS NULL OR counter_id = ?) ORDER BY generated_at, id`)
    .all(opts.counterId ?? null, opts.counterId ?? null) as CaseRow[];
  return rows.map((r) => ({
    caseId: r.id,
    serial: r.serial!,
    itemCode: r.item_code!,
    hallId: r.hall_id,
    counterId: r.counter_id,
    clerkId: r.clerk_id,
    generatedAt: r.generated_at!,
    ...(r.print_job_id !== null
      ? { printJobId: r.print_job_id, printer: r.printer!, jobAcceptedAt: r.job_accepted_at! }
      : {}),
    ...(r.send_started_at !== null ? { sendStartedAt: r.send_started_at, sendPrinter: r.send_printer ?? '' } : {}),
  }));
}

/** Where the case's printing stands, without personal data: for deciding whether a send may go out. */
export function printState(
  db: Db,
  caseId: string,
): { state: CaseRow['state']; serial?: string; sendStartedAt?: string; sendPrinter?: string } {
  const r = loadRow(db, caseId);
  return {
    state: r.state,
    ...(r.serial ? { serial: r.serial } : {}),
    ...(r.send_started_at ? { sendStartedAt: r.send_started_at, sendPrinter: r.send_printer ?? '' } : {}),
  };
}

/** How often each item was chosen at this counter since `since` (voided cases excluded), for search ranking. */
export function recentItemCounts(db: Db, counterId: string, since: Date): Record<string, number> {
  const rows = db
    .prepare(
      `SELECT item_code, count(*) AS n FROM cases
       WHERE counter_id = ? AND item_chosen_at >= ? AND item_code IS NOT NULL AND state <> 'voided'
       GROUP BY item_code`,
    )
    .all(counterId, since.toISOString()) as Array<{ item_code: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.item_code, r.n]));
}

/**
 * Serials of live (not voided) certificates of the item issued for the normalised address in a
 * season overlapping [seasonStart, seasonEnd]. `excludeCaseId` leaves out the case being checked.
 */
export function issuedForAddress(
  db: Db,
  cipher: CaseCipher,
  itemCode: string,
  addressKey: string,
  seasonStart: string,
  seasonEnd: string,
  excludeCaseId?: string,
): string[] {
  const rows = db
    .prepare(
      `SELECT c.serial FROM issued_index i JOIN cases c ON c.id = i.case_id
       WHERE i.item_code = ? AND i.address_hash = ? AND i.season_start <= ? AND i.season_end >= ?
         AND c.state <> 'voided' AND c.id IS NOT ?
       ORDER BY c.generated_at`,
    )
    .all(itemCode, cipher.keyedHash(addressKey), seasonEnd, seasonStart, excludeCaseId ?? null) as Array<{
    serial: string;
  }>;
  return rows.map((r) => r.serial);
}

/** The RuleFacts.issuedForAddress callback for one item. */
export const issuedLookup =
  (db: Db, cipher: CaseCipher, itemCode: string, excludeCaseId?: string) =>
  (addressKey: string, seasonStart: string, seasonEnd: string): string[] =>
    issuedForAddress(db, cipher, itemCode, addressKey, seasonStart, seasonEnd, excludeCaseId);

/** Case ids for a person (by keyed hash of the ID number), newest first. */
export function findCasesBySubject(db: Db, cipher: CaseCipher, idNumber: string): string[] {
  const rows = db
    .prepare('SELECT id FROM cases WHERE subject_hash = ? ORDER BY card_read_at DESC')
    .all(cipher.keyedHash(idNumber.trim().toUpperCase())) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}
