import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../../electron/api/types';
import { verifyChain } from '../../../electron/services/audit';
import type { Core } from '../../../electron/services/core/core';
import { makeCore, type Fixture } from '../../helpers/core';
import { jobState, placeAndWait, removeCard } from '../../helpers/flow-steps';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

describe('the counter flow, end to end in one core (sandbox registry, simulated reader, virtual printer)', () => {
  let sandbox: TestSandbox;
  let core: Core;
  let f: Fixture;
  let call: Fixture['callOk'];
  let dataDir: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    f = await makeCore({ boot: { registry: sandbox } });
    ({ core, callOk: call, dataDir } = f);
  });
  afterAll(async () => {
    await f?.close();
    await sandbox?.stop();
  });

  it('card -> licenses -> clean-energy checks -> certificate printed, with every step timed and recorded', async () => {
    const c = await placeAndWait(core, '张建国');
    expect(
      c.licenses
        .filter((l) => l.state === 'verified')
        .map((l) => l.typeCode)
        .sort(),
    ).toEqual(['111001', '111002', '113002']);
    const chosen = (await call('case.chooseItem', { caseId: c.caseId, itemCode: 'clean-energy-check' })) as CaseView;
    expect(chosen.checks.map((k) => k.result)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    // Once the item is chosen the screen lists only the evidence it declares.
    const declared = ['111002', '113001', '113002'];
    expect(chosen.licenses.map((l) => l.typeCode).filter((t) => !declared.includes(t))).toEqual([]);
    expect(chosen.licenses.find((l) => l.typeCode === '113002')?.state).toBe('verified');
    const completed = jobState(core, c.caseId, 'completed');
    const printed = (await call('case.print', { caseId: c.caseId })) as CaseView;
    expect(printed.serial).toMatch(/^BENCH01-B-01-\d{4}-000001$/);
    const done = await completed;
    expect(done.state).toBe('completed');
    for (const k of ['cardReadAt', 'itemChosenAt', 'generatedAt', 'jobAcceptedAt', 'jobCompletedAt'] as const)
      expect(done.timings[k], k).toBeTruthy();
    const pdfs = readdirSync(join(dataDir, 'prints')).filter((f) => f.includes(printed.serial!));
    expect(pdfs).toHaveLength(1);
    await removeCard(core);
  });

  it("a household member passes through the head's homestead (follow-up fetch under the owner)", async () => {
    const c = await placeAndWait(core, '李秀英');
    const chosen = (await call('case.chooseItem', { caseId: c.caseId, itemCode: 'clean-energy-check' })) as CaseView;
    expect(chosen.checks.find((k) => k.id === 'property-at-address')?.result).toBe('passed');
    // Same address, same season: the head's certificate from the first test blocks a second one.
    expect(chosen.checks.find((k) => k.id === 'not-issued-this-season')?.result).toBe('failed');
    await expect(call('case.print', { caseId: c.caseId })).rejects.toMatchObject({ code: 'CASE_BLOCKED' });
    await removeCard(core);
  });

  it('a senior card carries the registry photo; a reprint keeps the serial; a void needs a reason', async () => {
    const c = await placeAndWait(core, '赵桂兰');
    expect(c.photo).toMatch(/^data:image\/png;base64,/);
    await call('case.chooseItem', { caseId: c.caseId, itemCode: 'senior-card' });
    const completed = jobState(core, c.caseId, 'completed');
    const printed = (await call('case.print', { caseId: c.caseId })) as CaseView;
    await completed;
    const again = jobState(core, c.caseId, 'completed');
    const reprinted = (await call('case.reprint', { caseId: c.caseId, reason: '打印卡片卡纸' })) as CaseView;
    await again;
    expect(reprinted.serial).toBe(printed.serial);
    await expect(call('case.void', { caseId: c.caseId, reason: '' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    const voided = (await call('case.void', { caseId: c.caseId, reason: '申请人放弃办理' })) as CaseView;
    expect(voided.state).toBe('voided');
    await removeCard(core);
  });

  it('only a supervisor, with their own password, can lift a block; both tries are audited and the item is then fixed', async () => {
    const c = await placeAndWait(core, '刘海');
    const chosen = (await call('case.chooseItem', { caseId: c.caseId, itemCode: 'clean-energy-check' })) as CaseView;
    expect(chosen.blocking).toContain('property-at-address');
    await expect(
      call('case.override', { caseId: c.caseId, supervisorId: 'demo-clerk', password: 'training-123', reason: '测试' }),
    ).rejects.toMatchObject({ code: 'AUTH_OVERRIDE_REFUSED' });
    const ok = (await call('case.override', {
      caseId: c.caseId,
      supervisorId: 'demo-supervisor',
      password: 'training-123',
      reason: '已核实纸质宅基地证明',
    })) as CaseView;
    expect(ok.override?.by).toBe('demo-supervisor');
    await expect(
      call('case.chooseItem', { caseId: c.caseId, itemCode: 'household-verification' }),
    ).rejects.toMatchObject({ code: 'CASE_OVERRIDDEN' });
    const done = jobState(core, c.caseId, 'completed');
    await call('case.print', { caseId: c.caseId });
    await done;
    const actions = (
      core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'override%'").all() as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual(['override-refused', 'override']);
    await removeCard(core);
  });

  it('the QR payload of a printed certificate verifies offline; a changed byte is tampered', async () => {
    const file = readdirSync(join(dataDir, 'prints')).find((f) => f.endsWith('.pdf'))!;
    const pdf = readFileSync(join(dataDir, 'prints', file), 'latin1');
    const payload = /CT1\.[A-Za-z0-9_-]+/.exec(pdf)?.[0];
    expect(payload).toBeTruthy();
    expect(await call('cert.verify', { payload: payload! })).toMatchObject({ status: 'valid' });
    const flipped = payload!.slice(0, 20) + (payload![20] === 'A' ? 'B' : 'A') + payload!.slice(21);
    expect(((await call('cert.verify', { payload: flipped })) as { status: string }).status).not.toBe('valid');
  });

  it('every access is in an intact audit chain, and the database file holds no readable name or ID number', async () => {
    const v = verifyChain(core.db);
    expect(v.ok).toBe(true);
    const actions = (core.db.prepare('SELECT action FROM audit_log').all() as { action: string }[]).map(
      (r) => r.action,
    );
    for (const a of ['card-read', 'registry-fetch', 'certificate-issue', 'print', 'reprint', 'void', 'override'])
      expect(actions, a).toContain(a);
    core.db.pragma('wal_checkpoint(FULL)');
    const bytes = Buffer.concat(
      ['counter.db', 'counter.db-wal'].map((f) => {
        try {
          return readFileSync(join(dataDir, f));
        } catch {
          return Buffer.alloc(0);
        }
      }),
    );
    // The program's public area list (village names) may be stored; a person's address may not.
    for (const secret of ['110903196803121617', '张建国', '李秀英', '赵桂兰', '东庄村18号']) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), secret).toBe(false);
    }
  });

  it('a refused registry call (wrong app secret) is shown to the clerk, not hidden as "offline"', async () => {
    const bad = await makeCore({
      boot: { registry: { ...sandbox, appSecret: 'wrong-secret-value' }, hallId: 'BENCH02' },
    });
    try {
      const c = await placeAndWait(bad.core, '张建国');
      expect(c.licenses.filter((l) => l.state === 'verified')).toEqual([]);
      const codes = JSON.stringify(c);
      expect(codes).toMatch(/REGISTRY_REFUSED|refused|401/i);
    } finally {
      await bad.close();
    }
  });
});
