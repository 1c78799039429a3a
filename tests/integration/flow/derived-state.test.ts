import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import type { CaseView } from '../../../electron/api/types';
import { bootCore } from '../../../electron/services/core/boot';
import type { Core } from '../../../electron/services/core/core';
import { nodeSandboxLauncher } from '../../../electron/services/training/sandbox-child';
import { makeCore } from '../../helpers/core';
import { jobState, placeAndWait, removeCard } from '../../helpers/flow-steps';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

/** Issue 10 §6: what the page shows is derived by the server from the case, and survives a restart. */
describe('case state derived, not stored', () => {
  let sandbox: TestSandbox;
  let core: Core;
  let dataDir: string;
  let call: (op: string, args?: unknown) => Promise<unknown>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    ({ core, dataDir } = await makeCore({ boot: { registry: sandbox } }));
    call = async (op, args = {}) => {
      const r = await dispatch({ core, host: 'web' }, op, args);
      if (!r.ok) throw Object.assign(new Error(`${op}: ${r.error.code}`), { code: r.error.code });
      return r.value;
    };
  });
  afterAll(async () => {
    await core?.close();
    await sandbox?.stop();
  });

  it('the view says what the clerk may do: nothing to print before the item, blocked until a supervisor approves', async () => {
    const c = await placeAndWait(core, '刘海');
    expect(c.can).toMatchObject({
      chooseItem: true,
      preview: false,
      print: false,
      override: false,
      reprint: false,
      void: false,
    });
    const chosen = (await call('case.chooseItem', { caseId: c.caseId, itemCode: 'clean-energy-check' })) as CaseView;
    expect(chosen.blocking.length).toBeGreaterThan(0);
    expect(chosen.can).toMatchObject({ chooseItem: true, preview: true, print: false, override: true });
    const ok = (await call('case.override', {
      caseId: c.caseId,
      supervisorId: 'demo-supervisor',
      password: 'training-123',
      reason: '已核实纸质宅基地证明',
    })) as CaseView;
    // The approval is for this item: the item is fixed and printing is allowed.
    expect(ok.can).toMatchObject({ chooseItem: false, print: true, override: false });
    const done = jobState(core, c.caseId, 'completed');
    await call('case.print', { caseId: c.caseId });
    expect((await done).can).toMatchObject({ print: false, reprint: true, void: true, retry: false });
    await removeCard(core);
  });

  it("a supervisor's approval and the failed checks survive a restart", async () => {
    const c = await placeAndWait(core, '刘海');
    const chosen = (await call('case.chooseItem', { caseId: c.caseId, itemCode: 'clean-energy-check' })) as CaseView;
    const blocking = chosen.blocking;
    expect(blocking.length).toBeGreaterThan(0);
    await call('case.override', {
      caseId: c.caseId,
      supervisorId: 'demo-supervisor',
      password: 'training-123',
      reason: '现场核实',
    });
    const done = jobState(core, c.caseId, 'completed');
    await call('case.print', { caseId: c.caseId });
    await done;
    await removeCard(core);
    await core.close();

    // The same terminal, started again on its data folder.
    const root = dirname(dataDir);
    core = await bootCore({
      host: 'web',
      version: 'test',
      env: { ...process.env, COUNTER_CONFIG: join(root, 'config.json'), COUNTER_DATA_DIR: dataDir },
      launchSandbox: nodeSandboxLauncher(__dirname, resolve(__dirname, '../../..')),
      log: () => undefined,
    });
    call = async (op, args = {}) => {
      const r = await dispatch({ core, host: 'web' }, op, args);
      if (!r.ok) throw Object.assign(new Error(`${op}: ${r.error.code}`), { code: r.error.code });
      return r.value;
    };
    await call('auth.signIn', { userId: 'demo-supervisor', password: 'training-123' });
    const voided = (await call('case.void', { caseId: c.caseId, reason: '重启后作废测试' })) as CaseView;
    expect(voided.blocking).toEqual(blocking);
    expect(voided.override).toMatchObject({ by: 'demo-supervisor', reason: '现场核实' });
    expect(voided.override?.byName).not.toBe('demo-supervisor');
    expect(voided.can).toMatchObject({ print: false, void: false, reprint: false });
  });

  it('offline, the status bar says how old the cache is', async () => {
    await call('auth.signOut').catch(() => undefined);
    await call('auth.signIn', { userId: 'demo-clerk', password: 'training-123' });
    await placeAndWait(core, '张建国');
    await removeCard(core);
    await sandbox.setFaults({ down: true });
    try {
      await placeAndWait(core, '张建国');
      const s = core.status.registry;
      expect(s.state).toBe('offline');
      expect(s.cacheAsOf, 'cacheAsOf').toBeDefined();
      expect(Date.now() - Date.parse(s.cacheAsOf!)).toBeLessThan(120_000);
    } finally {
      await sandbox.setFaults({});
      await removeCard(core);
    }
  });
});
