import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, FormFieldView } from '../../../electron/api/types';
import type { Core } from '../../../electron/services/core/core';
import { makeCore, type Fixture } from '../../helpers/core';
import { jobState, placeAndWait, removeCard } from '../../helpers/flow-steps';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const CARE = 'severe-disability-care-allowance';
const field = (c: CaseView, key: string): FormFieldView => c.form!.fields.find((f) => f.key === key)!;
const typed = { phone: '13912345678', bank: '示范银行', bankAccount: '6222020200112233445' };

describe('an application: form prefilled by source, submitted to departments with the case, kept for the next case', () => {
  let sandbox: TestSandbox;
  let core: Core;
  let f: Fixture;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    f = await makeCore({ boot: { registry: sandbox } });
    core = f.core;
  });
  afterAll(async () => {
    await f?.close();
    await sandbox?.stop();
  });

  it('first visit: card and license fields filled and locked, hall default offered, the rest left to the clerk', async () => {
    const opened = await placeAndWait(core, '钱秀兰');
    const c = await f.callOk('case.chooseItem', { caseId: opened.caseId, itemCode: CARE });
    expect(c.eligible).toBe(true);
    expect(field(c, 'name')).toMatchObject({ source: 'card', value: '钱秀兰', locked: true });
    expect(field(c, 'disabilityGrade')).toMatchObject({ source: 'license', value: '一级', locked: true });
    expect(field(c, 'streetOffice').source).toBe('hall');
    expect(field(c, 'bank')).toMatchObject({ source: 'hall', locked: false });
    expect(field(c, 'phone')).toMatchObject({ source: 'clerk', value: '' });
    expect(c.can.apply).toBe(true);

    const values = Object.fromEntries(c.form!.fields.map((x) => [x.key, x.value]));
    const bad = await f.call('case.apply', { caseId: c.caseId, values: { ...values, phone: '123' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('CASE_FORM_INVALID');
    expect(core.db.prepare('SELECT count(*) n FROM outbox').get()).toEqual({ n: 0 });
    expect(field(c, 'idNumber').value).toMatch(/\*{8}/); // masked on the page

    // Evidence comes from the server: a changed grade from the page is not what is submitted.
    const done = await f.callOk('case.apply', {
      caseId: c.caseId,
      values: { ...values, ...typed, disabilityGrade: '三级' },
    });
    expect(done.form!.fields.find((x) => x.key === 'disabilityGrade')!.value).toBe('一级');
    expect(done.application?.departments.map((d) => d.id)).toEqual(['DPF', 'CAB']);
    expect(done.can.apply).toBe(false);
    const rows = core.db.prepare('SELECT receiver, key, case_id FROM outbox ORDER BY receiver').all();
    expect(rows).toEqual([
      { receiver: 'department:CAB', key: `${c.caseId}.CAB.1`, case_id: c.caseId },
      { receiver: 'department:DPF', key: `${c.caseId}.DPF.1`, case_id: c.caseId },
    ]);
    const again = await f.call('case.apply', { caseId: c.caseId, values: { ...values, ...typed } });
    expect(again.ok || again.error.code).toBe('CASE_ALREADY_APPLIED');

    const receipt = await f.callOk('case.applicationDocument', { caseId: c.caseId, kind: 'receipt' });
    expect(receipt.pages).toBe(1);
    const signed = await f.callOk('case.applicationDocument', {
      caseId: c.caseId,
      kind: 'application',
      strokes: [
        [
          { x: 0.1, y: 0.5 },
          { x: 0.9, y: 0.4 },
        ],
      ],
    });
    expect(Buffer.from(signed.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    await f.callOk('case.close', { caseId: c.caseId });
    await removeCard(core);
  });

  it('returning: what the clerk confirmed last time comes from the earlier case, and the read is audited', async () => {
    const opened = await placeAndWait(core, '钱秀兰');
    const c = await f.callOk('case.chooseItem', { caseId: opened.caseId, itemCode: CARE });
    expect(field(c, 'phone')).toMatchObject({ source: 'case', value: typed.phone });
    expect(field(c, 'bankAccount')).toMatchObject({ source: 'case', value: typed.bankAccount });
    expect(field(c, 'bank')).toMatchObject({ source: 'case', value: typed.bank });
    expect(c.form!.toType).toBeLessThanOrEqual(1);
    const reads = core.db
      .prepare("SELECT count(*) n FROM audit_log WHERE action = 'pool-read' AND case_id = ?")
      .get(c.caseId) as { n: number };
    expect(reads.n).toBe(1);
    const sealed = core.db.prepare('SELECT value FROM data_pool').all() as { value: Buffer }[];
    for (const r of sealed) expect(r.value.toString('latin1')).not.toContain(typed.bankAccount);
    await f.callOk('case.close', { caseId: c.caseId });
    await removeCard(core);
  });

  it('the receipt is stored and titled before the spooler; a press while it prints sends nothing; after, a copy', async () => {
    const opened = await placeAndWait(core, '钱秀兰');
    const c = await f.callOk('case.chooseItem', { caseId: opened.caseId, itemCode: CARE });
    const values = Object.fromEntries(c.form!.fields.map((x) => [x.key, x.value]));
    await f.callOk('case.apply', { caseId: c.caseId, values: { ...values, ...typed } });
    const done = jobState(core, c.caseId, 'completed');
    const first = await f.callOk('case.printApplicationDocument', { caseId: c.caseId, kind: 'receipt' });
    const row = () =>
      core.db
        .prepare('SELECT title, print_job_id, send_started_at, job_completed_at FROM case_documents WHERE case_id = ?')
        .get(c.caseId) as {
        title: string;
        print_job_id: string | null;
        send_started_at: string | null;
        job_completed_at: string | null;
      };
    expect(row()).toMatchObject({ title: `${c.caseId} 受理回执`, send_started_at: null });
    expect(row().print_job_id).toBeTruthy();
    // A second press while the first job is on its way is the same job, not a second receipt.
    const again = await f.callOk('case.printApplicationDocument', { caseId: c.caseId, kind: 'receipt' });
    expect(again.job?.jobId).toBe(first.job?.jobId);
    await done;
    expect(row().job_completed_at).toBeTruthy();
    const copy = await f.callOk('case.printApplicationDocument', { caseId: c.caseId, kind: 'receipt' });
    expect(copy.job?.jobId).not.toBe(first.job?.jobId);
    const prints = core.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'print' AND case_id = ? ORDER BY seq")
      .all(c.caseId) as { detail: string }[];
    expect(prints.map((p) => (JSON.parse(p.detail) as { document: string }).document)).toEqual(['receipt', 'receipt']);
    await f.callOk('case.close', { caseId: c.caseId });
    await removeCard(core);
  });
});
