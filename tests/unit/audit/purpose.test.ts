import { afterEach, describe, expect, it } from 'vitest';
import { registerCaseLookup, requireOpenCase, type CaseRef } from '../../../electron/services/audit';
import { makeCore, type Fixture } from '../../helpers/core';

let f: Fixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

describe('requireOpenCase (purpose binding)', () => {
  it('allows personal data only inside an open case of the signed-in clerk', async () => {
    f = await makeCore();
    await f.addAccount('c1', ['clerk']);
    await f.addAccount('sup', ['supervisor']);
    const core = f.core;
    expect(() => requireOpenCase(core, 'k1')).toThrow(expect.objectContaining({ code: 'AUTH_REQUIRED' }));
    await f.signInAs('c1');
    expect(() => requireOpenCase(core, 'k1')).toThrow(expect.objectContaining({ code: 'CASE_SERVICE_UNAVAILABLE' }));
    const cases: Record<string, CaseRef> = {
      k1: { caseId: 'k1', state: 'open', subject: 's', itemCode: 'i', clerkId: 'c1' },
      k2: { caseId: 'k2', state: 'voided', subject: 's', itemCode: 'i', clerkId: 'c1' },
      k3: { caseId: 'k3', state: 'open', subject: 's', itemCode: 'i', clerkId: 'c2' },
    };
    registerCaseLookup(core, (id) => cases[id] ?? null);
    expect(requireOpenCase(core, 'k1')).toBe(cases.k1);
    expect(() => requireOpenCase(core, 'k0')).toThrow(expect.objectContaining({ code: 'CASE_NOT_FOUND' }));
    expect(() => requireOpenCase(core, 'k2')).toThrow(expect.objectContaining({ code: 'CASE_NOT_OPEN' }));
    expect(() => requireOpenCase(core, 'k3')).toThrow(expect.objectContaining({ code: 'CASE_NOT_YOURS' }));
    await f.signInAs('sup');
    expect(requireOpenCase(core, 'k3')).toBe(cases.k3);
  });
});
