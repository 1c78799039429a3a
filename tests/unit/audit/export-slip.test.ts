import { afterEach, describe, expect, it } from 'vitest';
import {
  appendAudit,
  auditCipher,
  auditSubject,
  registerCaseLookup,
  startAudit,
  verifyAuditSignature,
} from '../../../electron/services/audit';
import { exportBody, type SignedExport } from '../../../electron/services/audit/export';
import { sm3Hex } from '../../../electron/services/audit/sm3';
import { makeCore, type Fixture } from '../../helpers/core';

let f: Fixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe('audit export', () => {
  it('exports CSV and signed JSON for supervisors, and audits the export', async () => {
    f = await makeCore();
    await f.addAccount('sup', ['supervisor']);
    await f.signInAs('sup');
    appendAudit(f.core.db, { action: 'override', actor: 'sup', purpose: '=HYPERLINK("x")', detail: { rule: 'R1' } });
    const csv = await f.call('audit.export', { from: today(), to: today(), format: 'csv' });
    expect(csv.ok).toBe(true);
    const content = (csv as { value: { content: string } }).value.content;
    expect(content.split('\r\n')[0]).toContain('seq,at,actor,action');
    expect(content).toContain(`"'=HYPERLINK(""x"")"`);
    const json = await f.call('audit.export', { from: today(), to: today(), format: 'json' });
    const doc = JSON.parse((json as { value: { content: string } }).value.content) as SignedExport;
    expect(doc.entries.some((e) => e.action === 'export')).toBe(true);
    expect(verifyAuditSignature(sm3Hex(exportBody(doc)), doc.signature, startAudit(f.core).publicKey)).toBe(true);
    doc.entries[0]!.actor = 'someone-else';
    expect(verifyAuditSignature(sm3Hex(exportBody(doc)), doc.signature, doc.publicKey)).toBe(false);
    expect(await f.call('audit.export', { from: '2024-02-30', to: '2024-03-01', format: 'csv' })).toMatchObject({
      ok: false,
      error: { code: 'AUDIT_RANGE_INVALID' },
    });
    expect(await f.call('audit.export', { from: '2020-01-01', to: '2024-03-01', format: 'csv' })).toMatchObject({
      ok: false,
      error: { code: 'AUDIT_RANGE_INVALID' },
    });
  });
});

describe('citizen slip (who looked at my data)', () => {
  it('lists accesses for that citizen only, with a PDF, and logs the request', async () => {
    f = await makeCore();
    await f.addAccount('c1', ['clerk']);
    await f.signInAs('c1');
    const cipher = auditCipher(f.core)!;
    const me = auditSubject(cipher, '110101199003071234');
    appendAudit(f.core.db, {
      action: 'registry-fetch',
      actor: 'c0',
      subject: me,
      itemCode: 'coal-to-electricity',
      purpose: 'household check',
      caseId: 'k1',
    });
    appendAudit(f.core.db, {
      action: 'registry-fetch',
      actor: 'c0',
      subject: auditSubject(cipher, '110101199003070000'),
      purpose: 'other person',
    });
    const r = await f.call('audit.citizenSlip', {
      idNumber: '110101199003071234x'.slice(0, 18),
      reason: 'citizen asked at counter',
      pdf: true,
    });
    expect(r.ok).toBe(true);
    const v = (r as { value: { rows: { clerk: string; purpose: string }[]; pdfBase64?: string } }).value;
    expect(v.rows).toEqual([
      expect.objectContaining({ clerk: 'c0', purpose: 'household check', action: 'registry-fetch' }),
    ]);
    expect(
      Buffer.from(v.pdfBase64 ?? '', 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const logged = f.core.db
      .prepare("SELECT actor, subject, purpose FROM audit_log WHERE action = 'citizen-slip'")
      .get();
    expect(logged).toEqual({ actor: 'c1', subject: me, purpose: 'citizen asked at counter' });
    expect(JSON.stringify(f.core.db.prepare('SELECT * FROM audit_log').all())).not.toContain('110101199003071234');
  });

  it('once cases are wired, it needs an open case of this clerk (purpose binding)', async () => {
    f = await makeCore();
    await f.addAccount('c1', ['clerk']);
    await f.signInAs('c1');
    const me = auditSubject(auditCipher(f.core)!, '110101199003071234');
    const cases: Record<string, { state: string; clerkId: string }> = {
      open1: { state: 'open', clerkId: 'c1' },
      done1: { state: 'completed', clerkId: 'c1' },
      theirs: { state: 'open', clerkId: 'c9' },
    };
    registerCaseLookup(f.core, (id) =>
      cases[id] ? { caseId: id, subject: me, itemCode: 'item-1', ...cases[id]! } : null,
    );
    expect(
      await f.call('audit.citizenSlip', { idNumber: '110101199003071234', reason: 'asked at counter' }),
    ).toMatchObject({ ok: false, error: { code: 'AUDIT_CASE_REQUIRED' } });
    expect(await f.call('audit.citizenSlip', { caseId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'CASE_NOT_FOUND' },
    });
    expect(await f.call('audit.citizenSlip', { caseId: 'done1' })).toMatchObject({
      ok: false,
      error: { code: 'CASE_NOT_OPEN' },
    });
    expect(await f.call('audit.citizenSlip', { caseId: 'theirs' })).toMatchObject({
      ok: false,
      error: { code: 'CASE_NOT_YOURS' },
    });
    expect(await f.call('audit.citizenSlip', { caseId: 'open1' })).toMatchObject({ ok: true, value: { rows: [] } });
  });
});
