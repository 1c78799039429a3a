/**
 * What an audit entry records. Actions are open-ended strings so a new service can log a new kind
 * of access without a schema change; the known ones are listed for editors and reports.
 */
export const AUDIT_ACTIONS = [
  'setup',
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'lock',
  'unlock',
  'unlock-failed',
  'password-change',
  'password-change-failed',
  'account-change',
  'card-read',
  'registry-fetch',
  'cache-read',
  'certificate-issue',
  'print',
  'reprint',
  'void',
  'override',
  'export',
  'citizen-slip',
  'pool-read',
  'pool-write',
  'application-submit',
  'settings-change',
  'shutdown',
] as const;
export type KnownAuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntryInput {
  action: KnownAuditAction | (string & {});
  /** Account id of who did it; null for the system (start-up, shutdown). */
  actor: string | null;
  /** auditSubject(cipher, idNumber): keyed hash of the citizen's ID number, never the number. */
  subject?: string | null;
  itemCode?: string | null;
  caseId?: string | null;
  /** Why the data was touched (the case's item, an override reason…); no personal data. */
  purpose?: string | null;
  /** Non-personal facts (counts, printer name, roles granted); stored readable. */
  detail?: Record<string, unknown> | null;
  /** Anything personal (names, addresses, license numbers); stored encrypted, needs a cipher. */
  personal?: Record<string, unknown> | null;
  /** Tests and imports only; defaults to now. */
  at?: Date;
}

/** One stored row, as the chain and the verifier see it. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  item_code: string | null;
  case_id: string | null;
  purpose: string | null;
  detail: string | null;
  detail_sealed: Buffer | null;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
