import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  appendAudit,
  appendAuditMany,
  configureAudit,
  createAuditSigner,
  sealAad,
  signHead,
  verifyChain,
} from '../../../electron/services/audit';
import { canonicalEntry, entryHash } from '../../../electron/services/audit/chain';
import { createCipher } from '../../../electron/services/crypto';
import { openDatabase } from '../../../electron/services/db/open';
import { sm2 } from 'sm-crypto-v2';

const fresh = () => openDatabase(join(mkdtempSync(join(tmpdir(), 'counter-audit-')), 'counter.db'));
const signer = createAuditSigner(sm2.generateKeyPairHex().privateKey.padStart(64, '0'));

describe('audit chain', () => {
  it('appendAuditMany chains exactly as one appendAudit per entry would, checkpoints and sealing included', () => {
    const cipher = createCipher(randomBytes(32));
    const at = new Date('2026-12-01T08:00:00Z');
    const entries = Array.from({ length: 11 }, (_, i) => ({
      action: 'batch-check',
      actor: 'st1',
      subject: `subject-${i}`,
      caseId: 'BATCH-1',
      detail: { seq: i },
      at,
    }));
    const one = fresh();
    const many = fresh();
    for (const db of [one, many]) {
      configureAudit(db, { signer, cipher, checkpointEvery: 4 });
      appendAudit(db, { action: 'app-start', actor: null, at });
    }
    for (const e of entries) appendAudit(one, e);
    expect(appendAuditMany(many, entries)).toEqual(Array.from({ length: 11 }, (_, i) => i + 2));
    expect(appendAuditMany(many, [])).toEqual([]);
    const rows = (db: typeof one) =>
      db
        .prepare('SELECT seq, at, actor, action, subject, case_id, detail, prev_hash, hash FROM audit_log ORDER BY seq')
        .all();
    expect(rows(many)).toEqual(rows(one));
    // Personal details are sealed per entry under its own seq, as appendAudit seals them.
    const [seq] = appendAuditMany(many, [{ action: 'batch-check', actor: 'st1', personal: { name: '张三' } }]);
    const sealed = many.prepare('SELECT detail_sealed FROM audit_log WHERE seq = ?').pluck().get(seq) as Buffer;
    expect(JSON.parse(cipher.open(sealed, sealAad(seq!)).toString('utf8'))).toEqual({ name: '张三' });
    expect(many.prepare('SELECT seq FROM audit_checkpoint').all()).toEqual([{ seq: 4 }, { seq: 8 }, { seq: 12 }]);
    expect(verifyChain(many, signer.publicKey)).toMatchObject({ ok: true, entries: 13, signedThrough: 12 });
    // An entry that cannot be written undoes the whole call: no half-written run of entries.
    expect(() => appendAuditMany(many, [entries[1]!, { action: '', actor: 'x' }])).toThrow();
    expect(many.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(13);
  });

  it('links entries by SM3 and verifies', () => {
    const db = fresh();
    configureAudit(db, { signer, checkpointEvery: 3 });
    for (let i = 0; i < 7; i++)
      appendAudit(db, { action: 'card-read', actor: 'c1', caseId: `case-${i}`, detail: { n: i } });
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as {
      seq: number;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(entryHash(rows[0]!.prev_hash, rows[0] as never)).toBe(rows[0]!.hash);
    expect(db.prepare('SELECT seq FROM audit_checkpoint').all()).toEqual([{ seq: 3 }, { seq: 6 }]);
    expect(verifyChain(db, signer.publicKey)).toMatchObject({ ok: true, entries: 7, checkpoints: 2, signedThrough: 6 });
    signHead(db, signer);
    expect(verifyChain(db, signer.publicKey)).toMatchObject({ ok: true, signedThrough: 7 });
  });

  it('the canonical form is position-sensitive and unambiguous', () => {
    const base = {
      seq: 1,
      at: 't',
      actor: 'a',
      action: 'x',
      subject: null,
      item_code: null,
      case_id: null,
      purpose: 'p|q',
      detail: null,
      detail_sealed: null,
    };
    expect(canonicalEntry(base)).not.toBe(canonicalEntry({ ...base, actor: 'a","x', action: '' }));
  });

  it('the database refuses UPDATE, DELETE and out-of-chain INSERT', () => {
    const db = fresh();
    appendAudit(db, { action: 'sign-in', actor: 'c1' });
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare("INSERT INTO audit_log(seq, at, action, prev_hash, hash) VALUES (5, 't', 'x', ?, 'h')")
        .run('0'.repeat(64)),
    ).toThrow(/extend the chain/);
    signHead(db, signer);
    expect(() => db.prepare('DELETE FROM audit_checkpoint').run()).toThrow(/append-only/);
  });

  it('seals personal detail with the data key, bound to its row; the file holds no readable personal data', () => {
    const db = fresh();
    const cipher = createCipher(randomBytes(32));
    configureAudit(db, { cipher, signer });
    expect(() => appendAudit(fresh(), { action: 'card-read', actor: 'c', personal: { name: 'x' } })).toThrow(
      expect.objectContaining({ code: 'AUDIT_NO_CIPHER' }),
    );
    const seq = appendAudit(db, {
      action: 'card-read',
      actor: 'c1',
      subject: cipher.keyedHash('x'),
      personal: { name: '张三', id: '110101199003071234' },
    });
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as {
      detail_sealed: Buffer;
      detail: string | null;
    };
    expect(row.detail).toBeNull();
    expect(row.detail_sealed.toString('latin1')).not.toContain('110101');
    expect(JSON.parse(cipher.open(row.detail_sealed, sealAad(seq)).toString())).toEqual({
      name: '张三',
      id: '110101199003071234',
    });
    expect(() => cipher.open(row.detail_sealed, sealAad(seq + 1))).toThrow();
    expect(verifyChain(db).ok).toBe(true);
  });

  it('rolls back with the transaction it was written in', () => {
    const db = fresh();
    appendAudit(db, { action: 'a', actor: null });
    expect(() =>
      db.transaction(() => {
        appendAudit(db, { action: 'print', actor: 'c' });
        throw new Error('printing failed');
      })(),
    ).toThrow('printing failed');
    expect(db.prepare('SELECT count(*) n FROM audit_log').get()).toEqual({ n: 1 });
    expect(verifyChain(db).ok).toBe(true);
  });

  it('rejects oversized or missing fields with AUDIT_INVALID_ENTRY', () => {
    const db = fresh();
    expect(() => appendAudit(db, { action: '', actor: null })).toThrow(
      expect.objectContaining({ code: 'AUDIT_INVALID_ENTRY' }),
    );
    expect(() => appendAudit(db, { action: 'x', actor: null, purpose: 'p'.repeat(500) })).toThrow(
      expect.objectContaining({ code: 'AUDIT_INVALID_ENTRY' }),
    );
  });

  it('detects a chain rebuilt with another key through the trusted public key', () => {
    const db = fresh();
    const other = createAuditSigner(sm2.generateKeyPairHex().privateKey.padStart(64, '0'));
    configureAudit(db, { signer: other });
    appendAudit(db, { action: 'x', actor: null });
    signHead(db, other);
    expect(verifyChain(db, signer.publicKey)).toMatchObject({
      ok: false,
      seq: 1,
      reason: expect.stringMatching(/not this terminal/),
    });
  });

  it('finds the empty log of a new database intact, with nothing signed yet', () => {
    const db = fresh();
    configureAudit(db, { signer });
    expect(verifyChain(db, signer.publicKey)).toMatchObject({ ok: true, entries: 0, checkpoints: 0 });
    appendAudit(db, { action: 'x', actor: null });
    expect(verifyChain(db, signer.publicKey)).toMatchObject({ ok: true, entries: 1 });
  });
});
