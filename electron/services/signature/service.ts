import type Database from 'better-sqlite3';
import { appendAudit } from '../audit';
import { AppError } from '../errors';
import type { RecordCipher } from '../crypto';
import type { Bilingual } from '../../api/types';
import { documentHash } from './bind';
import { checkSignature } from './check';
import { SIGNER_KEY, type Signature, type SignRequest, type SignRequestView } from './types';

interface Row {
  id: number;
  case_id: string;
  document: string;
  signer: string;
  signer_label: string;
  title: string;
  document_hash: string;
  state: SignRequestView['state'];
  requested_at: string;
  signed_at: string | null;
  signature: Buffer | null;
}

const aad = (id: number, hash: string) => `signature/v1|${id}|${hash}`;

const view = (r: Row): SignRequestView => ({
  id: r.id,
  caseId: r.case_id,
  document: r.document,
  signer: r.signer,
  signerLabel: JSON.parse(r.signer_label) as Bilingual,
  title: JSON.parse(r.title) as Bilingual,
  documentHash: r.document_hash,
  state: r.state,
  requestedAt: r.requested_at,
  ...(r.signed_at ? { signedAt: r.signed_at } : {}),
});

/**
 * Ask a citizen to sign document D of case C -> pending -> signed (README.md). Any number of
 * signers per case and per document; the signature is sealed with the case and is only ever handed
 * out for the document whose canonical hash it was given for.
 */
export class SigningService {
  private readonly listeners: ((caseId: string) => void)[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly cipher: RecordCipher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Called with the case id whenever one of its requests moves; the citizen's screen follows it. */
  onChange(fn: (caseId: string) => void): () => void {
    this.listeners.push(fn);
    return () => this.listeners.splice(this.listeners.indexOf(fn) >>> 0, 1);
  }

  /**
   * Pending (or already signed) request for this signer and this exact document. Asking again for
   * the same data is a no-op; asking for changed data withdraws the older pending request, so the
   * citizen always signs what is rendered now.
   */
  request(r: SignRequest): SignRequestView {
    if (!SIGNER_KEY.test(r.signer))
      throw new AppError('SIGNATURE_SIGNER', 'Unknown signer; use applicant, guardian, agent or member:<k>.', {
        params: { signer: r.signer.slice(0, 40) },
      });
    const hash = documentHash(r.data);
    const id = this.db.transaction(() => {
      const same = this.db
        .prepare(
          "SELECT * FROM signatures WHERE case_id = ? AND document = ? AND signer = ? AND document_hash = ? AND state <> 'withdrawn'",
        )
        .get(r.caseId, r.document, r.signer, hash) as Row | undefined;
      if (same) return { id: same.id, changed: false };
      this.db
        .prepare(
          "UPDATE signatures SET state = 'withdrawn' WHERE case_id = ? AND document = ? AND signer = ? AND state = 'pending'",
        )
        .run(r.caseId, r.document, r.signer);
      const { lastInsertRowid } = this.db
        .prepare(
          'INSERT INTO signatures(case_id, document, signer, signer_label, title, document_hash, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          r.caseId,
          r.document,
          r.signer,
          JSON.stringify(r.signerLabel),
          JSON.stringify(r.title),
          hash,
          this.now().toISOString(),
        );
      return { id: Number(lastInsertRowid), changed: true };
    })();
    if (id.changed) this.emit(r.caseId);
    return this.get(id.id);
  }

  get(id: number): SignRequestView {
    const row = this.db.prepare('SELECT * FROM signatures WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new AppError('SIGNATURE_NOT_PENDING', 'No such signature request.');
    return view(row);
  }

  /** Every request of the case, oldest first (withdrawn ones included, for the record). */
  list(caseId: string): SignRequestView[] {
    return (this.db.prepare('SELECT * FROM signatures WHERE case_id = ? ORDER BY id').all(caseId) as Row[]).map(view);
  }

  /** The request the citizen's screen shows now: the oldest pending one of the case. */
  next(caseId: string): SignRequestView | null {
    const row = this.db
      .prepare("SELECT * FROM signatures WHERE case_id = ? AND state = 'pending' ORDER BY id LIMIT 1")
      .get(caseId) as Row | undefined;
    return row ? view(row) : null;
  }

  /**
   * The signer signed request `id`, having been shown the document whose hash is `shownHash`. A
   * stale screen (the document changed meanwhile) is refused, so a signature never lands on a
   * document the citizen did not see.
   */
  sign(id: number, shownHash: string, signature: Signature): SignRequestView {
    const sig = checkSignature(signature);
    const r = this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM signatures WHERE id = ?').get(id) as Row | undefined;
      if (!row || row.state !== 'pending')
        throw new AppError('SIGNATURE_NOT_PENDING', 'This document is not waiting for a signature.');
      if (row.document_hash !== shownHash)
        throw new AppError('SIGNATURE_OTHER_DOCUMENT', 'This signature was given for another document.');
      const sealed = this.cipher.seal(JSON.stringify(sig), aad(row.id, row.document_hash));
      const at = this.now().toISOString();
      this.db
        .prepare("UPDATE signatures SET state = 'signed', signature = ?, signed_at = ? WHERE id = ?")
        .run(sealed, at, row.id);
      appendAudit(this.db, {
        actor: 'citizen-screen',
        action: 'signature',
        caseId: row.case_id,
        detail: { document: row.document, signer: row.signer, documentHash: row.document_hash },
      });
      return row;
    })();
    this.emit(r.case_id);
    return this.get(id);
  }

  /**
   * A pending request no longer wanted (the signer refused, or signs on paper instead): withdrawn,
   * kept for the record; asking the same again later makes a new pending row (migration 016).
   * A request already signed or withdrawn is left as it is.
   */
  withdraw(id: number): SignRequestView {
    const { changes } = this.db
      .prepare("UPDATE signatures SET state = 'withdrawn' WHERE id = ? AND state = 'pending'")
      .run(id);
    const v = this.get(id);
    if (changes) this.emit(v.caseId);
    return v;
  }

  /**
   * The hook document rendering calls: the signature `signer` gave for exactly this document
   * (same canonical hash), or null. A signature given for other data is never returned.
   */
  signatureFor(caseId: string, hash: string, signer = 'applicant'): Signature | null {
    const row = this.db
      .prepare(
        "SELECT * FROM signatures WHERE case_id = ? AND signer = ? AND document_hash = ? AND state = 'signed' ORDER BY id DESC LIMIT 1",
      )
      .get(caseId, signer, hash) as Row | undefined;
    if (!row?.signature) return null;
    return JSON.parse(this.cipher.open(row.signature, aad(row.id, row.document_hash)).toString('utf8')) as Signature;
  }

  private emit(caseId: string): void {
    for (const f of [...this.listeners]) f(caseId);
  }
}
