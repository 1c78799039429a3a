import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import type { CaseSubmissionsView, SubmissionView } from '../../../electron/api/types';
import { bootCore } from '../../../electron/services/core/boot';
import type { Core } from '../../../electron/services/core/core';
import type { Outbox } from '../../../electron/services/outbox';
import { nodeSandboxLauncher } from '../../../electron/services/training/sandbox-child';
import { commitCaseWithSubmission } from '../../helpers/outbox/driver';

const ROOT = resolve(__dirname, '../../..');

describe('training boot: the outbox points at the sandbox department', () => {
  let core: Core;
  const events: SubmissionView[] = [];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-boot-'));
    core = await bootCore({
      host: 'web',
      version: 'test',
      env: { ...process.env, COUNTER_CONFIG: '', COUNTER_DATA_DIR: join(dir, 'data') },
      launchSandbox: nodeSandboxLauncher(__dirname, ROOT),
      log: () => undefined,
    });
    core.bus.onAny((name, p) => name === 'submission.changed' && events.push(p as SubmissionView));
  }, 90_000);
  afterAll(() => core?.close());

  const call = async <T>(op: string, args: unknown = {}): Promise<T> => {
    const r = await dispatch({ core, host: 'web' }, op, args);
    if (!r.ok) throw Object.assign(new Error(`${op}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  };
  const signIn = async (userId: string) => {
    if (core.session) await call('auth.signOut');
    await call('auth.signIn', { userId, password: 'training-123' });
  };

  it('a 大病救助 submission is approved within seconds while the clerk watches; the case is then 办结', async () => {
    expect(core.services.outbox).toBeDefined();
    await signIn('demo-clerk');
    const outbox = core.services.outbox as Outbox;
    const { caseId } = commitCaseWithSubmission(core.db, core.services.cipher!, outbox, {
      clerk: { id: 'demo-clerk' },
    });
    const first = await call<CaseSubmissionsView>('submissions.forCase', { caseId });
    expect(first.completion).toBe('pending');
    const t0 = Date.now();
    let v = first;
    while (v.completion !== 'completed' && Date.now() - t0 < 15_000) {
      await new Promise((r) => setTimeout(r, 200));
      v = await call<CaseSubmissionsView>('submissions.forCase', { caseId });
    }
    expect(v.completion).toBe('completed');
    expect(v.submissions[0]).toMatchObject({ status: 'approved', delivery: 'delivered', receiver: 'DMCAB01' });
    expect(v.submissions[0]!.reason?.zh).toMatch(/大病救助/);
    // The sandbox rule approves after 3 s; polling sees it within about a second more.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2500);
    expect(events.filter((e) => e.caseId === caseId).map((e) => e.status)).toEqual(['accepted', 'approved']);
  }, 30_000);

  it('"my submissions" lists what needs action; only the clerk and a supervisor see a case\'s submissions', async () => {
    await signIn('demo-clerk');
    const outbox = core.services.outbox as Outbox;
    const { caseId } = commitCaseWithSubmission(core.db, core.services.cipher!, outbox, {
      clerk: { id: 'demo-clerk' },
      itemName: '困难残疾人生活补贴',
      form: {},
    });
    let mine: SubmissionView[] = [];
    const t0 = Date.now();
    while (!mine.some((m) => m.caseId === caseId && m.needsAction) && Date.now() - t0 < 15_000) {
      await new Promise((r) => setTimeout(r, 200));
      mine = await call<SubmissionView[]>('submissions.mine', { onlyNeedsAction: true });
    }
    const sub = mine.find((m) => m.caseId === caseId)!;
    expect(sub).toMatchObject({ status: 'more-info', needsAction: true, final: false });
    await signIn('demo-station');
    await expect(call('submissions.forCase', { caseId })).rejects.toMatchObject({ code: 'CASE_NOT_YOURS' });
    await expect(call('submissions.markHandled', { id: sub.id })).rejects.toMatchObject({ code: 'CASE_NOT_YOURS' });
    expect(await call<SubmissionView[]>('submissions.mine')).toEqual([]);
    await signIn('demo-supervisor');
    expect((await call<CaseSubmissionsView>('submissions.forCase', { caseId })).submissions).toHaveLength(1);
    await signIn('demo-clerk');
    expect((await call<SubmissionView>('submissions.markHandled', { id: sub.id })).needsAction).toBe(false);
    expect(
      (await call<SubmissionView[]>('submissions.mine', { onlyNeedsAction: true })).map((m) => m.caseId),
    ).not.toContain(caseId);
  }, 30_000);
});

describe('production boot without a department', () => {
  it('keeps the outbox running and says submissions wait for a department', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-boot-prod-'));
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        mode: 'production',
        hall: { id: 'P01', name: '测试大厅' },
        counter: 'P-01',
        printer: { backend: 'virtual' },
        reader: { kind: 'keyboard' },
      }),
    );
    const log: string[] = [];
    const core = await bootCore({
      host: 'web',
      version: 'test',
      env: { ...process.env, COUNTER_CONFIG: config, COUNTER_DATA_DIR: join(dir, 'data') },
      launchSandbox: () => {
        throw new Error('no sandbox in production');
      },
      log: (l) => log.push(l),
    });
    try {
      expect(core.services.outbox).toBeDefined();
      expect(log.join('\n')).toMatch(/outbox: no department configured/);
    } finally {
      await core.close();
    }
  });
});
