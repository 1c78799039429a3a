/**
 * Shapes of the accounts, sessions and audit operations. Pure types (the renderer compiles this
 * file): no Node, electron or native imports.
 */
import type { Role, SessionInfo } from './types';

export interface SetupStatus {
  /** No account exists: the UI shows the screen that creates the administrator. */
  needsSetup: boolean;
  training: boolean;
  /** Training mode only: the demo accounts and their shared, published password. */
  demoAccounts?: { userId: string; roles: Role[] }[];
  demoPassword?: string;
  session: SessionInfo | null;
}

export interface AccountView {
  userId: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  demo: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface AuditExport {
  format: 'csv' | 'json';
  filename: string;
  /** CSV text, or the signed JSON document as text. */
  content: string;
  entries: number;
}

export interface CitizenSlipRow {
  at: string;
  clerk: string | null;
  action: string;
  itemCode: string | null;
  purpose: string | null;
  caseId: string | null;
}

export interface CitizenSlip {
  rows: CitizenSlipRow[];
  /** A4 PDF, base64; absent when the CJK font is not installed. */
  pdfBase64?: string;
}

export interface AuditVerifyView {
  ok: boolean;
  entries: number;
  checkpoints?: number;
  signedThrough?: number;
  brokenAt?: number;
  reason?: string;
}
