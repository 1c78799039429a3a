import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, HallKeyExport } from '../../../electron/api/types';
import type { Core } from '../../../electron/services/core/core';
import { makeCore } from '../../helpers/core';
import { jobState, placeAndWait, removeCard } from '../../helpers/flow-steps';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { tmp } from './tools';

const root = resolve(__dirname, '../../..');

function verify(args: string[], dataDir: string): { code: number | null; out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, COUNTER_DATA_DIR: dataDir };
  delete env.COUNTER_CONFIG;
  const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['electron/cli/verify.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('a training certificate printed by the terminal verifies there and, with the exported key, anywhere', () => {
  let sandbox: TestSandbox;
  let core: Core;
  let call: Awaited<ReturnType<typeof makeCore>>['callOk'];
  let dataDir: string;
  let pdf: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    ({ core, callOk: call, dataDir } = await makeCore({ boot: { registry: sandbox, hallId: 'KEYX01' } }));
    const c = await placeAndWait(core, '张建国');
    await call('case.chooseItem', { caseId: c.caseId, itemCode: 'clean-energy-check' });
    const completed = jobState(core, c.caseId, 'completed');
    const printed = (await call('case.print', { caseId: c.caseId })) as CaseView;
    await completed;
    await removeCard(core);
    pdf = join(
      dataDir,
      'prints',
      readdirSync(join(dataDir, 'prints')).find((f) => f.includes(printed.serial!))!,
    );
  }, 60_000);
  afterAll(async () => {
    await core?.close();
    await sandbox?.stop();
  });

  it('on the terminal: npm run verify with no set-up says VALID and TRAINING', () => {
    const r = verify([pdf], dataDir);
    expect(r.out.split('\n')[0]).toBe('VALID 有效 · TRAINING 培训');
    expect(r.code).toBe(0);
  });

  it('an admin exports the hall key; a verifier elsewhere passes it with --keys', async () => {
    await expect(call('cert.exportHallKey')).rejects.toMatchObject({ code: 'AUTH_FORBIDDEN' }); // the clerk may not
    await call('auth.signOut');
    await call('auth.signIn', { userId: 'demo-admin', password: 'training-123' });
    const exported = (await call('cert.exportHallKey')) as HallKeyExport;
    expect(exported.filename).toMatch(/^trusted-hall-keys-KEYX01\.[0-9a-f]{8}\.json$/);
    expect(exported.content).not.toMatch(/privateKey/);
    const elsewhere = tmp();
    const file = join(elsewhere, exported.filename);
    writeFileSync(file, exported.content);
    expect(verify([pdf], elsewhere).code).toBe(1); // nothing trusted there yet
    const r = verify([pdf, '--keys', file], elsewhere);
    expect(r.out.split('\n')[0]).toBe('VALID 有效 · TRAINING 培训');
    expect(r.out).toContain('基准测试大厅');
    expect(r.code).toBe(0);
  });
});
