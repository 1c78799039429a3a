import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../../electron/api/types';
import { startHostProcess, type HostProcess as Host } from '../../helpers/host-process';
import { until } from '../../helpers/until';
import { printerTestSkipReason, startVirtualPrinter, type VirtualPrinter } from '../../helpers/printer/virtual-printer';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const run = promisify(execFile);
const skip = printerTestSkipReason();
if (skip) console.warn(`restart + CUPS flow tests skipped: ${skip}`);

describe.skipIf(!!skip)('a host killed mid-print, through a real CUPS queue', () => {
  let sandbox: TestSandbox;
  let cups: VirtualPrinter;
  let env: Record<string, string>;
  const hosts: Host[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    cups = await startVirtualPrinter();
    const dir = mkdtempSync(join(tmpdir(), 'counter-restart-'));
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        mode: 'training',
        hall: { id: 'KILL01', name: '重启演练大厅' },
        counter: 'K-01',
        registry: { url: sandbox.url, appKey: sandbox.appKey, appSecret: sandbox.appSecret },
        printer: { backend: 'cups', a4: cups.queue },
      }),
    );
    env = { COUNTER_CONFIG: config, COUNTER_DATA_DIR: join(dir, 'data'), CUPS_SERVER: cups.cupsServer };
  }, 90_000);
  afterAll(async () => {
    for (const h of hosts) h.proc.kill('SIGKILL');
    await cups?.stop();
    await sandbox?.stop();
  });

  async function boot(): Promise<Host> {
    const h = await startHostProcess(env, { from: 'source' });
    hosts.push(h);
    expect((await h.call('auth.signIn', { userId: 'demo-clerk', password: 'training-123' })).ok).toBe(true);
    return h;
  }

  async function readyCase(h: Host, name: string): Promise<CaseView> {
    const cards = await h.callOk('training.cards');
    await h.call('training.toggleCard', { id: cards.cards.find((c) => c.name === name)!.id });
    const c = await until('case with licenses', async () => {
      const v = await h.callOk('case.current');
      return v?.card.name === name && v.registry.state === 'done' ? v : null;
    });
    await h.callOk('case.chooseItem', { caseId: c.caseId, itemCode: 'household-verification' });
    return c;
  }

  /** Jobs the private cupsd has not finished yet (lpstat -o lists only those). */
  async function unfinishedJobs(): Promise<string> {
    return (
      await run('lpstat', ['-o', cups.queue], { env: { ...process.env, CUPS_SERVER: cups.cupsServer } })
    ).stdout.trim();
  }

  async function printWhilePaused(h: Host, name: string): Promise<string> {
    const c = await readyCase(h, name);
    await cups.pause();
    const printed = await h.callOk('case.print', { caseId: c.caseId });
    await until(
      'the stopped printer reported',
      async () => (await h.callOk('case.current'))?.job?.code === 'PRINTER_STOPPED',
    );
    return printed.serial!;
  }

  it('a job the spooler finishes while the app is down is recorded as completed, not printed again', async () => {
    const h = await boot();
    const serial = await printWhilePaused(h, '张建国');
    h.proc.kill('SIGKILL');
    const before = (await cups.documents()).length;
    await cups.resume();
    await until(
      'CUPS finished the queued job',
      async () => (await cups.documents()).length > before && (await unfinishedJobs()) === '',
    );
    const h2 = await boot();
    const pending = await h2.callOk('case.interrupted');
    expect(pending.map((p) => p.serial)).not.toContain(serial);
    expect(h2.output()).toMatch(/recorded as completed/);
    expect((await cups.documents()).length).toBe(before + 1);
  });

  it('a job still held by the spooler when the app dies is tracked again after the restart and prints once', async () => {
    const h = await boot();
    const serial = await printWhilePaused(h, '郭春梅');
    h.proc.kill('SIGKILL');
    const before = (await cups.documents()).length;
    const h2 = await boot();
    expect(h2.output()).toMatch(/still at the spooler; tracking them again/);
    // Still listed, but with its job followed: the clerk sees why it waits instead of a bare "interrupted".
    const mine = await until('the restarted app reports the stopped printer', async () => {
      const list = await h2.callOk('case.interrupted');
      return list.find((p) => p.serial === serial && p.job?.code === 'PRINTER_STOPPED');
    });
    expect(mine.job?.state).toBe('error');
    await cups.resume();
    await until('the tracked job completed', async () =>
      (await h2.callOk('case.interrupted')).every((p) => p.serial !== serial),
    );
    expect((await cups.documents()).length).toBe(before + 1);
  });

  it('a certificate numbered but never accepted by the spooler shows up after a restart and prints on retry', async () => {
    const h = await boot();
    const c = await readyCase(h, '郭春梅');
    await cups.reject();
    expect(await h.call('case.print', { caseId: c.caseId })).toMatchObject({
      ok: false,
      error: { code: 'PRINTER_NOT_ACCEPTING' },
    });
    h.proc.kill('SIGKILL');
    await cups.accept();
    const h2 = await boot();
    const pending = await h2.callOk('case.interrupted');
    const mine = pending.find((p) => p.caseId === c.caseId);
    expect(mine?.serial).toMatch(/^KILL01-K-01-/);
    const before = (await cups.documents()).length;
    await h2.callOk('case.retryPrint', { caseId: c.caseId });
    await until('the retried job reached the printer', async () => (await cups.documents()).length > before);
    await until('case completed', async () =>
      (await h2.callOk('case.interrupted')).every((p) => p.caseId !== c.caseId),
    );
  });
});
