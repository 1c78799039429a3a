import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootSignedIn, hostEnv, readyCase, unfinishedJobs } from '../../helpers/host-case';
import type { HostProcess as Host } from '../../helpers/host-process';
import { until } from '../../helpers/until';
import { printerTestSkipReason, startVirtualPrinter, type VirtualPrinter } from '../../helpers/printer/virtual-printer';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

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
    env = hostEnv({ sandbox, cups, hall: { id: 'KILL01', name: '重启演练大厅' }, counter: 'K-01' });
  }, 90_000);
  afterAll(async () => {
    for (const h of hosts) h.proc.kill('SIGKILL');
    await cups?.stop();
    await sandbox?.stop();
  });

  const boot = () => bootSignedIn(env, hosts);

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
      async () => (await cups.documents()).length > before && (await unfinishedJobs(cups)) === '',
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
