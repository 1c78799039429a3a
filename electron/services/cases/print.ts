import type { Db } from '../db/open';
import { CaseError } from './errors';
import { assertStep } from './state';
import { iso, loadRow, requireText } from './store';

/**
 * A job for the case is about to go to the spooler. Call it before every send (first print,
 * retry, redirect) and let it commit first: if the process dies before markJobAccepted, the
 * restart sees a send that may have reached the spooler and must look there by serial before
 * sending again (see listInterrupted's sendStartedAt).
 */
export function markSendStarted(db: Db, caseId: string, printer: string, at?: Date): void {
  const to = requireText(printer, 'printer', 'The printer');
  db.transaction(() => {
    assertStep(caseId, loadRow(db, caseId).state, 'jobAccepted');
    db.prepare('UPDATE cases SET send_started_at = ?, send_printer = ? WHERE id = ?').run(iso(at), to, caseId);
  })();
}

/**
 * The spooler took the job. May be called again for the same case (printer error, resumed
 * interrupted print): the latest job replaces the earlier one. Ends a send under way.
 */
export function markJobAccepted(db: Db, caseId: string, jobId: string, printer: string, at?: Date): void {
  const job = requireText(jobId, 'jobId', 'The print job id');
  const to = requireText(printer, 'printer', 'The printer');
  db.transaction(() => {
    assertStep(caseId, loadRow(db, caseId).state, 'jobAccepted');
    db.prepare(
      'UPDATE cases SET print_job_id = ?, printer = ?, job_accepted_at = ?, send_started_at = NULL, send_printer = NULL WHERE id = ?',
    ).run(job, to, iso(at), caseId);
  })();
}

/** The printer finished the job: the case is done. */
export function markCompleted(db: Db, caseId: string, at?: Date): void {
  db.transaction(() => {
    const row = loadRow(db, caseId);
    assertStep(caseId, row.state, 'complete');
    if (row.print_job_id === null)
      throw new CaseError(
        'CASE_NOT_PRINTED',
        `Case ${caseId} has no print job on record; print the certificate first.`,
      );
    db.prepare(`UPDATE cases SET state = 'completed', job_completed_at = ? WHERE id = ?`).run(iso(at), caseId);
  })();
}

/** Voids a case in any live state; an issued serial stays on it and is never given out again. */
export function voidCase(db: Db, caseId: string, by: string, reason: string, at?: Date): void {
  const who = requireText(by, 'by', 'Who voids the case');
  const why = requireText(reason, 'reason', 'A reason for voiding');
  db.transaction(() => {
    assertStep(caseId, loadRow(db, caseId).state, 'void');
    db.prepare(`UPDATE cases SET state = 'voided', void_reason = ?, voided_by = ?, voided_at = ? WHERE id = ?`).run(
      why,
      who,
      iso(at),
      caseId,
    );
  })();
}

export interface ReprintInput {
  at?: Date;
  jobId?: string;
  printer?: string;
}

/** A reprint of a printed certificate keeps its serial and is recorded with who and why. */
export function recordReprint(
  db: Db,
  caseId: string,
  by: string,
  reason: string,
  input: ReprintInput = {},
): { serial: string } {
  const who = requireText(by, 'by', 'Who reprints');
  const why = requireText(reason, 'reason', 'A reason for the reprint');
  return db.transaction(() => {
    const row = loadRow(db, caseId);
    assertStep(caseId, row.state, 'reprint');
    const serial = row.serial!;
    db.prepare(
      'INSERT INTO case_reprints (case_id, serial, at, by, reason, print_job_id, printer) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(caseId, serial, iso(input.at), who, why, input.jobId ?? null, input.printer ?? null);
    return { serial };
  })();
}
