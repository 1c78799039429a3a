import { afterAll, afterEach, beforeAll } from 'vitest';
import { CupsBackend } from '../../native/printer/cups/backend';
import { bootSignedIn, hostEnv, unfinishedJobs } from './host-case';
import type { HostProcess } from './host-process';
import { startStallProxy, type StallProxy } from './printer/stall-proxy';
import { startVirtualPrinter, type VirtualPrinter } from './printer/virtual-printer';
import { startTestSandbox, type TestSandbox } from './sandbox';
import { until } from './until';

/** What a lost-answer print test works with; filled in by beforeAll. */
export interface StalledSpooler {
  sandbox: TestSandbox;
  cups: VirtualPrinter;
  /** Between the host and cupsd: `stall()` holds cupsd's replies back, `drop()` lets them through again. */
  proxy: StallProxy;
  /** Straight at cupsd, for counting what reached the printer. */
  direct: CupsBackend;
  boot(): Promise<HostProcess>;
  unfinished(): Promise<string>;
  /** Pauses the queue, stalls the answers and starts `send`; resolves once cupsd has the job (the window). */
  sendIntoTheWindow(send: () => Promise<unknown>): Promise<Promise<unknown>>;
  /** Resumes the queue and waits until cupsd finished every job, long enough for a late second copy to show. */
  drain(): Promise<void>;
}

/**
 * A sandbox, a private CUPS queue and a stalling proxy in front of it, with hosts that can be
 * SIGKILLed and restarted on the same data directory: the rig of the tests where a host dies
 * after CUPS took a job but before its answer arrived. Call inside the describe block.
 */
export function stalledSpooler(hall: { id: string; name: string }, counter: string): StalledSpooler {
  const hosts: HostProcess[] = [];
  let env: Record<string, string> = {};
  const rig = {
    boot: () => bootSignedIn(env, hosts),
    unfinished: () => unfinishedJobs(rig.cups),
    async sendIntoTheWindow(send: () => Promise<unknown>) {
      await rig.cups.pause();
      rig.proxy.stall();
      const pending = send().catch((e: unknown) => e);
      await until('lpstat -o shows the job', async () => (await rig.unfinished()) !== '', { timeoutMs: 15_000 });
      return pending;
    },
    async drain() {
      await rig.cups.resume();
      await until('cupsd finished every job', async () => (await rig.unfinished()) === '', { timeoutMs: 30_000 });
      await new Promise((r) => setTimeout(r, 1500)); // a second copy sent late would show up by now
    },
  } as StalledSpooler;
  beforeAll(async () => {
    rig.sandbox = await startTestSandbox();
    rig.cups = await startVirtualPrinter();
    rig.proxy = await startStallProxy(Number(rig.cups.cupsServer.split(':')[1]));
    rig.direct = new CupsBackend({ server: rig.cups.cupsServer });
    env = hostEnv({ sandbox: rig.sandbox, cups: rig.cups, hall, counter, cupsServer: rig.proxy.server });
  }, 90_000);
  afterEach(async () => {
    rig.proxy?.drop();
    await rig.cups?.resume().catch(() => undefined);
  });
  afterAll(async () => {
    for (const h of hosts) h.proc.kill('SIGKILL');
    await rig.direct?.close();
    await rig.proxy?.close();
    await rig.cups?.stop();
    await rig.sandbox?.stop();
  });
  return rig;
}
