import { randomUUID } from 'node:crypto';
import { isValidIdNumber } from '../../../protocol/id-number';
import type { Db } from '../db/open';
import type { FetchedLicense } from '../registry/types';
import { CaseError } from './errors';
import { assertStep } from './state';
import { iso, loadRow, requireText, sealJson } from './store';
import type { CaseCipher, CheckSummary, LicenseUsed, OpenCaseInput, RecordChecksInput } from './types';

// Hall ids are letters and digits so the serial <hall>-<counter>-<yyyy>-<nnnnnn> parses from both ends and fits 40 characters.
const HALL_ID = /^[A-Za-z0-9]{1,16}$/;
const COUNTER_ID = /^[A-Za-z0-9-]{1,10}$/;

/** Opens a case at card read (or manual entry, with its reason); returns the case id used as the registry's case number. */
export function openCase(db: Db, cipher: CaseCipher, input: OpenCaseInput): { id: string } {
  if (!HALL_ID.test(input.hallId))
    throw new CaseError(
      'CASE_INPUT_INVALID',
      `Hall id "${input.hallId}" must be 1-16 letters or digits (it prefixes certificate serials); fix hall.id in the terminal configuration.`,
      'hallId',
    );
  if (!COUNTER_ID.test(input.counterId))
    throw new CaseError(
      'CASE_INPUT_INVALID',
      `Counter id "${input.counterId}" must be 1-10 letters, digits or dashes (it is part of certificate serials); fix counter in the terminal configuration.`,
      'counterId',
    );
  const clerk = requireText(input.clerkId, 'clerkId', 'The clerk');
  const name = requireText(input.person?.name, 'name', "The applicant's name");
  const idNumber = requireText(input.person?.idNumber, 'idNumber', "The applicant's ID number").toUpperCase();
  const manualReason =
    input.source === 'manual'
      ? requireText(input.manualReason, 'manualReason', 'A reason for entering the applicant by hand')
      : null;
  // A typo in a hand-typed number would fetch someone else's licenses; the chip's number is already checked by the reader.
  if (input.source === 'manual' && input.person.cardKind !== 'foreign_2017' && !isValidIdNumber(idNumber)) {
    throw new CaseError(
      'CASE_INPUT_INVALID',
      'The ID number typed in is not a valid 18-character number (its check digit does not match); check it against the card and type it again.',
      'idNumber',
    );
  }
  if (input.source !== 'card' && input.source !== 'manual')
    throw new CaseError(
      'CASE_INPUT_INVALID',
      `Case source must be 'card' or 'manual', got ${String(input.source)}.`,
      'source',
    );
  const id = randomUUID();
  const person = { ...input.person, name, idNumber };
  db.prepare(
    `INSERT INTO cases (id, hall_id, counter_id, clerk_id, source, manual_reason, subject_hash, person, card_read_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    input.hallId,
    input.counterId,
    clerk,
    input.source,
    manualReason,
    cipher.keyedHash(idNumber),
    sealJson(cipher, id, 'person', person),
    iso(input.cardReadAt),
  );
  return { id };
}

/** Chooses (or changes) the item; a change drops earlier checks and override, which were about the other item. */
export function chooseItem(db: Db, caseId: string, itemCode: string, at?: Date): void {
  const code = requireText(itemCode, 'itemCode', 'A service item');
  db.transaction(() => {
    assertStep(caseId, loadRow(db, caseId).state, 'chooseItem');
    db.prepare(
      `UPDATE cases SET item_code = ?, item_chosen_at = ?, evidence = NULL, check_summary = NULL, eligible = NULL, checked_at = NULL,
         season_address_hash = NULL, season_start = NULL, season_end = NULL, override_by = NULL, override_reason = NULL, override_at = NULL
       WHERE id = ?`,
    ).run(code, iso(at), caseId);
  })();
}

export const licensesUsedFrom = (licenses: readonly FetchedLicense[]): LicenseUsed[] =>
  licenses.map((f) => ({
    identifier: f.license.identifier,
    typeCode: f.license.certificateType,
    verification: f.verification.state,
    source: f.source,
    fetchedAt: f.fetchedAt,
    ...(f.source === 'cache' ? { asOf: f.fetchedAt } : {}),
  }));

/**
 * Records the licenses used and the check results (sealed: sentences and identifiers name people).
 * Eligibility is derived from the checks, never taken from the caller. Re-recording replaces the
 * earlier checks and drops an override given for them.
 */
export function recordChecks(
  db: Db,
  cipher: CaseCipher,
  caseId: string,
  input: RecordChecksInput,
): { eligible: boolean } {
  const summary: CheckSummary[] = input.checks.map((c) => ({ id: c.id, result: c.result }));
  const eligible = summary.length > 0 && summary.every((c) => c.result === 'passed');
  const s = input.seasonIndex;
  db.transaction(() => {
    const row = loadRow(db, caseId);
    assertStep(caseId, row.state, 'recordChecks');
    if (!row.item_code)
      throw new CaseError('CASE_NOT_READY', `Case ${caseId} has no service item yet; choose the item before checking.`);
    db.prepare(
      `UPDATE cases SET evidence = ?, check_summary = ?, eligible = ?, checked_at = ?, season_address_hash = ?, season_start = ?, season_end = ?,
         override_by = NULL, override_reason = NULL, override_at = NULL
       WHERE id = ?`,
    ).run(
      sealJson(cipher, caseId, 'evidence', { licensesUsed: input.licensesUsed, checks: input.checks }),
      JSON.stringify(summary),
      eligible ? 1 : 0,
      iso(input.at),
      s ? cipher.keyedHash(s.addressKey) : null,
      s?.seasonStart ?? null,
      s?.seasonEnd ?? null,
      caseId,
    );
  })();
  return { eligible };
}

/** A supervisor lets a case with failed or unknown checks be issued; the reason prints on the certificate. */
export function recordOverride(db: Db, caseId: string, by: string, reason: string, at?: Date): void {
  const who = requireText(by, 'by', 'The supervisor giving the override');
  const why = requireText(reason, 'reason', 'A reason for the override');
  db.transaction(() => {
    const row = loadRow(db, caseId);
    assertStep(caseId, row.state, 'override');
    if (row.checked_at === null)
      throw new CaseError(
        'CASE_NOT_READY',
        `Case ${caseId} has not been checked yet; run the checks before overriding them.`,
      );
    db.prepare('UPDATE cases SET override_by = ?, override_reason = ?, override_at = ? WHERE id = ?').run(
      who,
      why,
      iso(at),
      caseId,
    );
  })();
}
