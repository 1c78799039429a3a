import type { Db } from '../db/open';
import { CaseError } from './errors';
import { assertStep } from './state';
import { iso, loadRow, sealJson } from './store';
import type { CaseCipher } from './types';

const MAX_SEQ = 999_999;

export interface IssueOptions {
  at?: Date;
  /**
   * Builds the document to keep for reprints (e.g. the CertificateData without the photo) once
   * the serial is known. It runs inside the transaction: if it throws, nothing is recorded and
   * the serial is not used up.
   */
  document?: (serial: string) => unknown;
}

export const formatSerial = (hallId: string, counterId: string, year: number, seq: number): string =>
  `${hallId}-${counterId}-${String(year).padStart(4, '0')}-${String(seq).padStart(6, '0')}`;

/**
 * Allocates the next serial for the case's hall and counter and writes it onto the case, in one
 * IMMEDIATE transaction: after a crash either both happened or neither did, so no serial is
 * lost or given twice. Serials carry the counter because each terminal has its own database: a
 * hall-wide counter could only be kept on a server. Calling it again for an already issued case
 * returns the same serial (a retry after a lost answer must not take a second number).
 */
export function issueCertificate(
  db: Db,
  cipher: CaseCipher,
  caseId: string,
  opts: IssueOptions = {},
): { serial: string; generatedAt: string } {
  const at = opts.at ?? new Date();
  const generatedAt = iso(at);
  return db
    .transaction(() => {
      const row = loadRow(db, caseId);
      if (row.state === 'accepted' && row.serial && row.generated_at)
        return { serial: row.serial, generatedAt: row.generated_at };
      assertStep(caseId, row.state, 'issue');
      if (!row.item_code || row.checked_at === null) {
        throw new CaseError(
          'CASE_NOT_READY',
          `Case ${caseId} cannot be issued yet: ${row.item_code ? 'its checks have not run' : 'no service item was chosen'}.`,
        );
      }
      if (row.eligible !== 1 && row.override_by === null) {
        throw new CaseError(
          'CASE_NOT_ELIGIBLE',
          `Case ${caseId} has checks that failed or could not be made; resolve them, or ask a supervisor to override with a reason.`,
        );
      }
      const year = at.getFullYear();
      const { last } = db
        .prepare(
          `INSERT INTO serial_counter (hall_id, counter_id, year, last) VALUES (?, ?, ?, 1)
           ON CONFLICT (hall_id, counter_id, year) DO UPDATE SET last = last + 1
           RETURNING last`,
        )
        .get(row.hall_id, row.counter_id, year) as { last: number };
      if (last > MAX_SEQ) {
        throw new CaseError(
          'CASE_SERIAL_EXHAUSTED',
          `Counter ${row.counter_id} has issued ${MAX_SEQ} certificates this year, the most its serial format holds; use another counter id and tell the administrator.`,
          undefined,
          { counter: row.counter_id },
        );
      }
      const serial = formatSerial(row.hall_id, row.counter_id, year, last);
      const doc = opts.document ? sealJson(cipher, caseId, 'document', opts.document(serial)) : null;
      db.prepare(`UPDATE cases SET serial = ?, state = 'accepted', generated_at = ?, document = ? WHERE id = ?`).run(
        serial,
        generatedAt,
        doc,
        caseId,
      );
      if (row.season_address_hash !== null) {
        db.prepare(
          'INSERT INTO issued_index (item_code, address_hash, season_start, season_end, case_id) VALUES (?, ?, ?, ?, ?)',
        ).run(row.item_code, row.season_address_hash, row.season_start, row.season_end, caseId);
      }
      return { serial, generatedAt };
    })
    .immediate();
}
