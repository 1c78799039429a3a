import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../../electron/api/types';
import { readyCase } from '../../helpers/host-case';
import type { HostProcess as Host } from '../../helpers/host-process';
import { stalledSpooler } from '../../helpers/stalled-spooler';
import { until } from '../../helpers/until';
import { printerTestSkipReason } from '../../helpers/printer/virtual-printer';

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
    const rig = stalledSpooler({ id: 'APP01', name: '申请打印演练大厅' }, 'P-01');
    const { boot } = rig;

    /** The care-allowance form confirmed: the case has an application whose receipt can print. */
    async function applied(h: Host): Promise<CaseView> {
      const c = await readyCase(h, '钱秀兰', CARE);
      const values = Object.fromEntries(c.form!.fields.map((f) => [f.key, f.value]));
      const done = await h.call('case.apply', { caseId: c.caseId, values: { ...values, ...typed } });
      expect(done.ok, JSON.stringify(done)).toBe(true);
      return c;
    }

    /** "Print receipt" with cupsd's answer held back; resolves once cupsd has the job. */
    const printIntoTheWindow = (h: Host, caseId: string) =>
      rig.sendIntoTheWindow(() => h.call('case.printApplicationDocument', { caseId, kind: 'receipt' }));

    /** Resumes the queue, waits until cupsd is done, and counts the receipts of the case that printed. */
    async function receiptsPrinted(caseId: string, before: number): Promise<{ documents: number; completed: number }> {
      await rig.drain();
      const jobs = await rig.direct.findJobs(`${caseId} 受理回执`);
      return {
        documents: (await rig.cups.documents()).length - before,
        completed: jobs.filter((j) => j.state === 'completed').length,
      };
    }

    it('SIGKILL in the window, restart, "print receipt" again: exactly one receipt', async () => {
      const h = await boot();
      const c = await applied(h);
      const before = (await rig.cups.documents()).length;
      void (await printIntoTheWindow(h, c.caseId));
      h.proc.kill('SIGKILL');
      rig.proxy.drop();

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
      const before = (await rig.cups.documents()).length;
      const first = (await await printIntoTheWindow(h, c.caseId)) as { ok: boolean };
      expect(first.ok, 'the first press fails once the IPP answer times out').toBe(false);
      rig.proxy.drop();
      // The status monitor's polls were stalled too: let it see the queue again.
      await new Promise((r) => setTimeout(r, 3500));
      const again = await h.call('case.printApplicationDocument', { caseId: c.caseId, kind: 'receipt' });
      expect(again.ok, JSON.stringify(again)).toBe(true);
      expect(await receiptsPrinted(c.caseId, before)).toEqual({ documents: 1, completed: 1 });
      h.proc.kill('SIGKILL');
    }, 120_000);
  },
);
