import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../../electron/api/types';
import { CupsBackend } from '../../../native/printer/cups/backend';
import { bootSignedIn, hostEnv, readyCase, unfinishedJobs } from '../../helpers/host-case';
import type { HostProcess as Host } from '../../helpers/host-process';
import { until } from '../../helpers/until';
import { startStallProxy, type StallProxy } from '../../helpers/printer/stall-proxy';
import { printerTestSkipReason, startVirtualPrinter, type VirtualPrinter } from '../../helpers/printer/virtual-printer';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

const skip = printerTestSkipReason();
if (skip) console.warn(`application print (stalled spooler) tests skipped: ${skip}`);

const CARE = 'severe-disability-care-allowance';
const typed = { phone: '13912345678', bank: '示范银行', bankAccount: '6222020200112233445' };

/**
 * The receipt and the citizen's copy of an application go through the certificate's print path:
 * stored and titled before the spooler, the send recorded as under way, and a lost answer
 * looked up at the spooler after a restart. Before, a crash between CUPS taking the receipt and
 * the app hearing so left no trace, and pressing "print receipt" again printed a second one.
 */
describe.skipIf(!!skip)(
  'an application print whose answer is lost is found at the spooler, never printed twice',
  () => {
    let sandbox: TestSandbox;
    let cups: VirtualPrinter;
    let proxy: StallProxy;
    let direct: CupsBackend;
    let env: Record<string, string>;
    const hosts: Host[] = [];

    beforeAll(async () => {
      sandbox = await startTestSandbox();
      cups = await startVirtualPrinter();
      proxy = await startStallProxy(Number(cups.cupsServer.split(':')[1]));
      direct = new CupsBackend({ server: cups.cupsServer });
      env = hostEnv({
        sandbox,
        cups,
        hall: { id: 'APP01', name: '申请打印演练大厅' },
        counter: 'P-01',
        cupsServer: proxy.server,
      });
    }, 90_000);
    afterEach(async () => {
      proxy?.drop();
      await cups?.resume().catch(() => undefined);
    });
    afterAll(async () => {
      for (const h of hosts) h.proc.kill('SIGKILL');
      await direct?.close();
      await proxy?.close();
      await cups?.stop();
      await sandbox?.stop();
    });

    const boot = () => bootSignedIn(env, hosts);
    const unfinished = () => unfinishedJobs(cups);

    /** The care-allowance form confirmed: the case has an application whose receipt can print. */
    async function applied(h: Host): Promise<CaseView> {
      const c = await readyCase(h, '钱秀兰', CARE);
      const values = Object.fromEntries(c.form!.fields.map((f) => [f.key, f.value]));
      const done = await h.call('case.apply', { caseId: c.caseId, values: { ...values, ...typed } });
      expect(done.ok, JSON.stringify(done)).toBe(true);
      return c;
    }

    /** "Print receipt" with cupsd's answer held back; resolves once cupsd has the job. */
    async function printIntoTheWindow(h: Host, caseId: string): Promise<Promise<unknown>> {
      await cups.pause();
      proxy.stall();
      const pending = h.call('case.printApplicationDocument', { caseId, kind: 'receipt' }).catch((e: unknown) => e);
      await until('lpstat -o shows the job', async () => (await unfinished()) !== '', { timeoutMs: 15_000 });
      return pending;
    }

    /** Resumes the queue, waits until cupsd is done, and counts the receipts of the case that printed. */
    async function receiptsPrinted(caseId: string, before: number): Promise<{ documents: number; completed: number }> {
      await cups.resume();
      await until('cupsd finished every job', async () => (await unfinished()) === '', { timeoutMs: 30_000 });
      await new Promise((r) => setTimeout(r, 1500)); // a second copy sent late would show up by now
      const jobs = await direct.findJobs(`${caseId} 受理回执`);
      return {
        documents: (await cups.documents()).length - before,
        completed: jobs.filter((j) => j.state === 'completed').length,
      };
    }

    it('SIGKILL in the window, restart, "print receipt" again: exactly one receipt', async () => {
      const h = await boot();
      const c = await applied(h);
      const before = (await cups.documents()).length;
      void (await printIntoTheWindow(h, c.caseId));
      h.proc.kill('SIGKILL');
      proxy.drop();

      const h2 = await boot();
      const again = await h2.call('case.printApplicationDocument', { caseId: c.caseId, kind: 'receipt' });
      expect(again.ok, JSON.stringify(again)).toBe(true);
      expect(await receiptsPrinted(c.caseId, before)).toEqual({ documents: 1, completed: 1 });
      expect(h2.output(), 'the held job was adopted at start-up').toMatch(/still at the spooler; tracking them again/);
      await until('the receipt print is recorded as done', async () =>
        (await h2.callOk('case.interrupted')).every((p) => p.caseId !== c.caseId),
      );
      h2.proc.kill('SIGKILL');
    }, 120_000);

    it('no crash: the answer times out, "print receipt" again finds the job instead of sending a second one', async () => {
      const h = await boot();
      const c = await applied(h);
      const before = (await cups.documents()).length;
      const first = (await await printIntoTheWindow(h, c.caseId)) as { ok: boolean };
      expect(first.ok, 'the first press fails once the IPP answer times out').toBe(false);
      proxy.drop();
      // The status monitor's polls were stalled too: let it see the queue again.
      await new Promise((r) => setTimeout(r, 3500));
      const again = await h.call('case.printApplicationDocument', { caseId: c.caseId, kind: 'receipt' });
      expect(again.ok, JSON.stringify(again)).toBe(true);
      expect(await receiptsPrinted(c.caseId, before)).toEqual({ documents: 1, completed: 1 });
      h.proc.kill('SIGKILL');
    }, 120_000);
  },
);
