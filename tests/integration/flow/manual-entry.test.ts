import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import type { ApiResult, CaseView } from '../../../electron/api/types';
import type { Core } from '../../../electron/services/core/core';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server';
import { makeCore } from '../../helpers/core';

/**
 * F6 manual entry against a real sandbox registry: impossible dates and ID numbers are refused at
 * the API boundary with a code and the field to mark, and the registry never hears of them
 * (counted in the sandbox's own usage log, which records every request it serves).
 */
describe('manual entry refuses impossible dates and ID numbers before any registry call', () => {
  let sandbox: SandboxHandle;
  let core: Core;
  let valid: { idNumber: string; name: string };

  const open = (args: Record<string, string>) =>
    dispatch({ core, host: 'web' }, 'case.openManual', {
      name: valid.name,
      validTo: '2035-06-30',
      reason: '证件芯片损坏',
      idNumber: valid.idNumber,
      ...args,
    }) as Promise<ApiResult<CaseView>>;

  async function settled(caseId: string): Promise<CaseView> {
    for (let i = 0; i < 300; i++) {
      const r = (await dispatch({ core, host: 'web' }, 'case.get', { caseId })) as ApiResult<CaseView>;
      if (r.ok && r.value.registry.state === 'done') return r.value;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('the manual case never finished its registry fetch');
  }

  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      appKey: 'manual-app',
      appSecret: 'manual-secret',
      adminSecret: 'manual-admin',
    });
    ({ core } = await makeCore({
      boot: { registry: { url: sandbox.url, appKey: 'manual-app', appSecret: 'manual-secret' } },
    }));
    const r = sandbox.demoResidents().find((d) => /^\d{17}[\dX]$/.test(d.idNumber))!;
    valid = { idNumber: r.idNumber, name: r.name };
  }, 60_000);
  afterAll(async () => {
    await core?.close();
    await sandbox?.close();
  });

  it('a real number and date open a case that is fetched from the registry (the count below can move)', async () => {
    const r = await open({ validTo: '2024-02-29' });
    expect(r.ok, JSON.stringify(!r.ok && r.error)).toBe(true);
    if (!r.ok) return;
    await settled(r.value.caseId);
    expect(sandbox.usage.forHolder(valid.idNumber).length).toBeGreaterThan(0);
    const longTerm = await open({ validTo: '长期' });
    expect(longTerm.ok).toBe(true);
    if (longTerm.ok)
      expect((await dispatch({ core, host: 'web' }, 'case.close', { caseId: longTerm.value.caseId })).ok).toBe(true);
  });

  const cases: { args: Record<string, string>; code: string; field: string }[] = [
    { args: { validTo: '2026-13-45' }, code: 'CASE_VALID_TO_INVALID', field: 'validTo' },
    { args: { validTo: '9999-99-99' }, code: 'CASE_VALID_TO_INVALID', field: 'validTo' },
    { args: { validTo: '2026-02-30' }, code: 'CASE_VALID_TO_INVALID', field: 'validTo' },
    { args: { validTo: 'long' }, code: 'CASE_VALID_TO_INVALID', field: 'validTo' },
    { args: { idNumber: '110102199902300016' }, code: 'CASE_ID_BIRTH_INVALID', field: 'idNumber' },
    { args: { idNumber: '000000000000000001' }, code: 'CASE_ID_REGION_INVALID', field: 'idNumber' },
    { args: { idNumber: '110102300001010015' }, code: 'CASE_ID_BIRTH_FUTURE', field: 'idNumber' },
    { args: { idNumber: '360426199101010072' }, code: 'CASE_ID_INVALID', field: 'idNumber' },
  ];

  it('each impossible value is refused with its own code and field, and no request reaches the registry', async () => {
    await new Promise((res) => setTimeout(res, 300));
    const before = sandbox.usage.all().length;
    const current = (await dispatch({ core, host: 'web' }, 'case.current', {})) as ApiResult<CaseView | null>;
    for (const c of cases) {
      const r = await open(c.args);
      expect.soft(r.ok, `${JSON.stringify(c.args)} was accepted`).toBe(false);
      if (r.ok) continue;
      expect
        .soft({ code: r.error.code, field: r.error.field }, JSON.stringify(c.args))
        .toEqual({ code: c.code, field: c.field });
    }
    await new Promise((res) => setTimeout(res, 500));
    expect.soft(sandbox.usage.all().length - before, 'registry requests made for refused entries').toBe(0);
    for (const n of ['110102199902300016', '000000000000000001', '110102300001010015'])
      expect.soft(sandbox.usage.forHolder(n)).toEqual([]);
    expect(await dispatch({ core, host: 'web' }, 'case.current', {})).toEqual(current);
  });
});
