import { sm3Hex } from './sm3';
import type { AuditSigner } from './signing-key';
import type { AuditRow } from './types';

export interface ExportedEntry {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  itemCode: string | null;
  caseId: string | null;
  purpose: string | null;
  detail: unknown;
  /** Personal detail stays sealed in exports; it is readable only on the terminal. */
  sealed: boolean;
  prevHash: string;
  hash: string;
}

export const toExported = (r: AuditRow): ExportedEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  itemCode: r.item_code,
  caseId: r.case_id,
  purpose: r.purpose,
  detail: r.detail ? (JSON.parse(r.detail) as unknown) : null,
  sealed: r.detail_sealed !== null,
  prevHash: r.prev_hash,
  hash: r.hash,
});

const CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'action',
  'subject',
  'itemCode',
  'caseId',
  'purpose',
  'detail',
  'sealed',
  'prevHash',
  'hash',
] as const;

// Spreadsheet programs run cells that start with these as formulas; a quote makes them text.
function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(entries: ExportedEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) lines.push(CSV_COLUMNS.map((c) => csvCell(e[c])).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export interface SignedExport {
  format: 'counter-audit-export/1';
  terminal: { hall: string; counter: string };
  range: { from: string; to: string };
  exportedAt: string;
  entries: ExportedEntry[];
  publicKey: string;
  /** SM2 over SM3 of the JSON of every other field, in the order above. */
  signature: string;
}

export const exportBody = (e: Omit<SignedExport, 'signature'>) =>
  JSON.stringify([e.format, e.terminal, e.range, e.exportedAt, e.entries, e.publicKey]);

export function signedJson(
  signer: AuditSigner,
  body: Omit<SignedExport, 'signature' | 'publicKey' | 'format'>,
): SignedExport {
  const unsigned = { format: 'counter-audit-export/1' as const, ...body, publicKey: signer.publicKey };
  return { ...unsigned, signature: signer.sign(sm3Hex(exportBody(unsigned))) };
}

export function rowsToExport(rows: AuditRow[]): ExportedEntry[] {
  return rows.map(toExported);
}
