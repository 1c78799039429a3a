import { AppError } from '../../errors';
import type { RecordCipher } from '../../crypto';
import type { Db } from '../../db/open';
import type { InterruptedPrint, OutputKind, PrintLedger } from '../outputs/types';

interface Row {
  case_id: string;
  kind: OutputKind;
  title: string;
  page: 'A4' | 'CR80';
  document: Buffer;
  send_started_at: string | null;
  print_job_id: string | null;
  printer: string | null;
  job_completed_at: string | null;
  case_state: string;
}

const aad = (caseId: string, kind: OutputKind) => `documents/v1|${caseId}|${kind}`;
const now = () => new Date().toISOString();

function row(db: Db, caseId: string, kind: OutputKind): Row | undefined {
  return db
    .prepare(
      'SELECT d.*, c.state AS case_state FROM case_documents d JOIN cases c ON c.id = d.case_id WHERE d.case_id = ? AND d.kind = ?',
    )
    .get(caseId, kind) as Row | undefined;
}

function update(db: Db, caseId: string, kind: OutputKind, sql: string, ...args: unknown[]): void {
  const r = db.prepare(`UPDATE case_documents SET ${sql} WHERE case_id = ? AND kind = ?`).run(...args, caseId, kind);
  if (r.changes !== 1)
    throw new AppError('CASE_NO_DOCUMENT', `Case ${caseId} has no ${kind} issued; confirm the form first.`);
}

/** The application's and the receipt's prints (migration 016): the same steps as a certificate's. */
export const documentLedger: PrintLedger = {
  state(db, caseId, kind) {
    const r = row(db, caseId, kind);
    if (!r) return { state: 'none' };
    return {
      state: r.case_state === 'voided' ? 'voided' : r.job_completed_at ? 'printed' : 'issued',
      title: r.title,
      ...(r.send_started_at ? { sendStartedAt: r.send_started_at } : {}),
    };
  },
  markSendStarted: (db, caseId, kind, printer) =>
    update(db, caseId, kind, 'send_started_at = ?, send_printer = ?', now(), printer),
  markJobAccepted: (db, caseId, kind, jobId, printer) =>
    update(
      db,
      caseId,
      kind,
      'print_job_id = ?, printer = ?, job_accepted_at = ?, send_started_at = NULL, send_printer = NULL',
      jobId,
      printer,
      now(),
    ),
  markCompleted: (db, caseId, kind) =>
    update(db, caseId, kind, 'job_completed_at = coalesce(job_completed_at, ?)', now()),
  interrupted(db, counterId): InterruptedPrint[] {
    const rows = db
      .prepare(
        `SELECT d.case_id, d.kind, d.title, d.send_started_at, d.print_job_id, d.printer FROM case_documents d
         JOIN cases c ON c.id = d.case_id
         WHERE d.job_completed_at IS NULL AND c.state <> 'voided' AND c.counter_id = ? ORDER BY d.issued_at`,
      )
      .all(counterId) as Row[];
    return rows.map((r) => ({
      caseId: r.case_id,
      kind: r.kind,
      title: r.title,
      ...(r.send_started_at ? { sendStartedAt: r.send_started_at } : {}),
      ...(r.print_job_id ? { printJobId: r.print_job_id } : {}),
      ...(r.printer ? { printer: r.printer } : {}),
    }));
  },
};

/** Stores the rendered document before its first send; a second issue keeps the first (same text, same title). */
export function storeDocument(
  db: Db,
  cipher: RecordCipher,
  d: { caseId: string; kind: OutputKind; title: string; page: 'A4' | 'CR80'; pdf: Buffer },
): boolean {
  const r = db
    .prepare(
      'INSERT INTO case_documents (case_id, kind, title, page, document, issued_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    )
    .run(d.caseId, d.kind, d.title, d.page, cipher.seal(d.pdf, aad(d.caseId, d.kind)), now());
  return r.changes === 1;
}

export function storedDocument(
  db: Db,
  cipher: RecordCipher,
  caseId: string,
  kind: OutputKind,
): { title: string; page: 'A4' | 'CR80'; pdf: Buffer } | undefined {
  const r = row(db, caseId, kind);
  return r ? { title: r.title, page: r.page, pdf: cipher.open(r.document, aad(caseId, kind)) } : undefined;
}
