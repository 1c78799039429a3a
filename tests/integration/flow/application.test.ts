import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, FormFieldView } from '../../../electron/api/types';
import type { Core } from '../../../electron/services/core/core';
import { makeCore, type Fixture } from '../../helpers/core';
import { placeAndWait, removeCard } from '../../helpers/flow-steps';
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
});
