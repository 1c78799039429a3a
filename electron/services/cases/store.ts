import type { Db } from '../db/open';
import { CaseError } from './errors';
import type { CaseCipher, CaseState } from './types';

export interface CaseRow {
  id: string;
  hall_id: string;
  counter_id: string;
  clerk_id: string;
  source: 'card' | 'manual';
  manual_reason: string | null;
  subject_hash: string;
  person: Buffer;
  item_code: string | null;
  evidence: Buffer | null;
  check_summary: string | null;
  eligible: 0 | 1 | null;
  override_by: string | null;
  override_reason: string | null;
  override_at: string | null;
  serial: string | null;
  document: Buffer | null;
  print_job_id: string | null;
  printer: string | null;
  state: CaseState;
  void_reason: string | null;
  voided_by: string | null;
  voided_at: string | null;
  card_read_at: string;
  item_chosen_at: string | null;
  checked_at: string | null;
  season_address_hash: string | null;
  season_start: string | null;
  season_end: string | null;
  generated_at: string | null;
  job_accepted_at: string | null;
  job_completed_at: string | null;
  send_started_at: string | null;
  send_printer: string | null;
}

export function loadRow(db: Db, caseId: string): CaseRow {
  const row = db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as CaseRow | undefined;
  if (!row)
    throw new CaseError(
      'CASE_NOT_FOUND',
      `There is no case ${caseId} on this terminal; it may have been opened elsewhere or purged. Start a new case.`,
    );
  return row;
}

/** The aad binds each blob to its case and column, so a blob copied to another row fails to open. */
export const aadFor = (caseId: string, column: 'person' | 'evidence' | 'document') => `cases/v1|${caseId}|${column}`;

export const sealJson = (
  cipher: CaseCipher,
  caseId: string,
  column: 'person' | 'evidence' | 'document',
  value: unknown,
): Buffer => cipher.seal(JSON.stringify(value), aadFor(caseId, column));

export function openJson<T>(
  cipher: CaseCipher,
  caseId: string,
  column: 'person' | 'evidence' | 'document',
  blob: Buffer,
): T {
  try {
    return JSON.parse(cipher.open(blob, aadFor(caseId, column)).toString('utf8')) as T;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new CaseError(
      'CASE_DATA_UNREADABLE',
      `The ${column} record of case ${caseId} cannot be decrypted${typeof code === 'string' ? ` (${code})` : ''}: the data key does not match this database or the record was altered. Ask the administrator to check the data key or restore a backup.`,
    );
  }
}

export const iso = (d: Date | undefined): string => {
  const at = d ?? new Date();
  if (Number.isNaN(at.getTime()))
    throw new CaseError('CASE_INPUT_INVALID', 'A case step was given an invalid time; this is a bug in the caller.');
  return at.toISOString();
};

export function requireText(value: string | undefined, field: string, what: string): string {
  const v = value?.trim() ?? '';
  if (v === '') throw new CaseError('CASE_INPUT_INVALID', `${what} is required.`, field);
  return v;
}
