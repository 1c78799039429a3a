import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configureAudit } from '../../../electron/services/audit';
import { createCipher } from '../../../electron/services/crypto';
import { migrate } from '../../../electron/services/db/migrate';
import { migrations } from '../../../electron/services/db/migrations';
import { documentHash } from '../../../electron/services/signature/bind';
import { SigningService } from '../../../electron/services/signature/service';
import type { Signature } from '../../../native/signature-pad/types';

const sig = (x: number): Signature => ({
  width: 100,
  height: 50,
  strokes: [
    [
      { x, y: 10, pressure: 0.5 },
      { x: x + 5, y: 20, pressure: 0.7 },
    ],
  ],
});
const label = { zh: '申请人', en: 'Applicant' };

function setup() {
  const db = new Database(':memory:');
  migrate(db, migrations);
  const cipher = createCipher(randomBytes(32));
  configureAudit(db, { cipher });
  return { db, s: new SigningService(db, cipher) };
}

describe('signing service', () => {
  it('pending -> signed for N signers of one case; each signature only for its own document', () => {
    const { db, s } = setup();
    const consent = { members: ['张建国', '李芳'], income: 1200 };
    const moved: string[] = [];
    s.onChange((c) => moved.push(c));
    const a = s.request({
      caseId: 'C1',
      document: 'consent',
      signer: 'applicant',
      signerLabel: label,
      title: label,
      data: consent,
    });
    const m = s.request({
      caseId: 'C1',
      document: 'consent',
      signer: 'member:2',
      signerLabel: { zh: '家庭成员2', en: 'Household member 2' },
      title: label,
      data: consent,
    });
    expect(
      s.request({
        caseId: 'C1',
        document: 'consent',
        signer: 'applicant',
        signerLabel: label,
        title: label,
        data: consent,
      }).id,
    ).toBe(a.id);
    expect(s.next('C1')?.id).toBe(a.id);
    expect(() => s.sign(a.id, documentHash({ other: 1 }), sig(1))).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_OTHER_DOCUMENT' }),
    );
    s.sign(a.id, a.documentHash, sig(1));
    expect(() => s.sign(a.id, a.documentHash, sig(2))).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_NOT_PENDING' }),
    );
    expect(s.next('C1')?.id).toBe(m.id);
    s.sign(m.id, m.documentHash, sig(3));
    expect(s.next('C1')).toBeNull();
    expect(s.signatureFor('C1', documentHash(consent))?.strokes[0]![0]!.x).toBe(1);
    expect(s.signatureFor('C1', documentHash(consent), 'member:2')?.strokes[0]![0]!.x).toBe(3);
    // Not for another document, another case, or a signer who did not sign.
    expect(s.signatureFor('C1', documentHash({ ...consent, income: 1300 }))).toBeNull();
    expect(s.signatureFor('C2', documentHash(consent))).toBeNull();
    expect(s.signatureFor('C1', documentHash(consent), 'guardian')).toBeNull();
    expect(moved).toEqual(['C1', 'C1', 'C1', 'C1']);
    expect(db.prepare("SELECT count(*) n FROM audit_log WHERE action = 'signature'").get()).toEqual({ n: 2 });
  });

  it('a document that changed before signing withdraws the old request; a sealed signature cannot be moved', () => {
    const { db, s } = setup();
    const v1 = s.request({
      caseId: 'C1',
      document: 'application',
      signer: 'applicant',
      signerLabel: label,
      title: label,
      data: { v: 1 },
    });
    const v2 = s.request({
      caseId: 'C1',
      document: 'application',
      signer: 'applicant',
      signerLabel: label,
      title: label,
      data: { v: 2 },
    });
    expect(s.get(v1.id).state).toBe('withdrawn');
    expect(() => s.sign(v1.id, v1.documentHash, sig(1))).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_NOT_PENDING' }),
    );
    s.sign(v2.id, v2.documentHash, sig(1));
    const other = s.request({
      caseId: 'C2',
      document: 'application',
      signer: 'applicant',
      signerLabel: label,
      title: label,
      data: { v: 2 },
    });
    s.sign(other.id, other.documentHash, sig(9));
    // Copying C1's sealed blob onto C2's row is caught when it is opened (aad names row and hash).
    expect(() =>
      db.prepare('UPDATE signatures SET signature = ? WHERE id = ?').run(Buffer.from('x'), other.id),
    ).toThrow(/only from pending/);
    expect(() => db.prepare('DELETE FROM signatures').run()).toThrow(/cannot be deleted/);
  });

  it('refuses garbage signatures and unknown signers', () => {
    const { s } = setup();
    const r = s.request({
      caseId: 'C1',
      document: 'application',
      signer: 'applicant',
      signerLabel: label,
      title: label,
      data: {},
    });
    const bad = (g: Signature) =>
      expect(() => s.sign(r.id, r.documentHash, g)).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
    bad({ width: 100, height: 50, strokes: [] });
    bad({ width: 0, height: 50, strokes: sig(1).strokes });
    bad({ width: 100, height: 50, strokes: [[{ x: NaN, y: 1, pressure: 0.5 }]] });
    expect(() =>
      s.request({ caseId: 'C1', document: 'x', signer: 'root', signerLabel: label, title: label, data: {} }),
    ).toThrow(expect.objectContaining({ code: 'SIGNATURE_SIGNER' }));
    expect(s.get(r.id).state).toBe('pending');
  });
});
