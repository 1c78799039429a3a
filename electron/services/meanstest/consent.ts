import type { Db } from '../db/open';
import type { RecordCipher } from '../crypto';
import type { BoundSignature } from '../signature/bind';
import type { ConsentKind, ConsentState, Member } from './types';

/** What is sealed with a consent row. */
interface ConsentRecord {
  member: { name: string; idNumber: string };
  guardian?: { name: string; idNumber: string; relation: string };
  signature?: BoundSignature;
  paperReason?: string;
  /** SM3 of the scanned paper form, when the scan is attached. */
  scanHash?: string;
}

export interface ConsentInput {
  caseId: string;
  member: Pick<Member, 'name' | 'idNumber'>;
  kind: ConsentKind;
  documentHash: string;
  clerkId: string;
  guardian?: { name: string; idNumber: string; relation: string };
  signature?: BoundSignature;
  paperReason?: string;
  scanHash?: string;
  at?: Date;
}

const memberKey = (cipher: RecordCipher, idNumber: string): string =>
  cipher.keyedHash(`meanstest-member:${idNumber.trim().toUpperCase()}`);
const aad = (caseId: string, key: string, at: string): string => `meanstest_consents|${caseId}|${key}|${at}`;

/**
 * The smallest consent store the check needs (migration 013), until the shared signing service
 * lands: append-only rows, the newest per member wins, personal parts sealed.
 */
export class ConsentStore {
  constructor(
    private readonly db: Db,
    private readonly cipher: RecordCipher,
  ) {}

  record(c: ConsentInput): void {
    const key = memberKey(this.cipher, c.member.idNumber);
    const at = (c.at ?? new Date()).toISOString();
    const rec: ConsentRecord = {
      member: { name: c.member.name, idNumber: c.member.idNumber },
      ...(c.guardian ? { guardian: c.guardian } : {}),
      ...(c.signature ? { signature: c.signature } : {}),
      ...(c.paperReason ? { paperReason: c.paperReason } : {}),
      ...(c.scanHash ? { scanHash: c.scanHash } : {}),
    };
    this.db
      .prepare(
        'INSERT INTO meanstest_consents(case_id, member_key, kind, by_guardian, document_hash, record, clerk_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        c.caseId,
        key,
        c.kind,
        c.guardian ? 1 : 0,
        c.documentHash,
        this.cipher.seal(JSON.stringify(rec), aad(c.caseId, key, at)),
        c.clerkId,
        at,
      );
  }

  /** The newest consent of each member of the case that has one, with the signature when signed. */
  forCase(caseId: string): Map<string, ConsentState & { signature?: BoundSignature }> {
    const rows = this.db
      .prepare(
        'SELECT member_key, kind, document_hash, record, clerk_id, at FROM meanstest_consents WHERE case_id = ? ORDER BY id',
      )
      .all(caseId) as Array<{
      member_key: string;
      kind: ConsentKind;
      document_hash: string;
      record: Buffer;
      clerk_id: string;
      at: string;
    }>;
    const out = new Map<string, ConsentState & { signature?: BoundSignature }>();
    for (const r of rows) {
      const rec = JSON.parse(
        this.cipher.open(r.record, aad(caseId, r.member_key, r.at)).toString('utf8'),
      ) as ConsentRecord;
      out.set(rec.member.idNumber, {
        member: rec.member.idNumber,
        kind: r.kind,
        documentHash: r.document_hash,
        at: r.at,
        clerkId: r.clerk_id,
        ...(rec.guardian ? { guardian: rec.guardian } : {}),
        ...(rec.paperReason ? { paperReason: rec.paperReason } : {}),
        ...(rec.signature ? { signature: rec.signature } : {}),
      });
    }
    return out;
  }
}

/** Who still has to authorise, and who refused, for the adults of the household and this document. */
export function consentGaps(
  members: readonly Member[],
  consents: ReadonlyMap<string, ConsentState>,
  documentHash: string,
): { missing: Member[]; refused: Member[] } {
  const missing: Member[] = [];
  const refused: Member[] = [];
  for (const m of members.filter((x) => x.adult)) {
    const c = consents.get(m.idNumber);
    if (c?.kind === 'refused') refused.push(m);
    // A consent given for another version of the authorisation (the household changed) does not count.
    else if (!c || c.documentHash !== documentHash) missing.push(m);
  }
  return { missing, refused };
}
