import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { CaseView } from '../../electron/api/types';
import { trainingHostEnv } from './host-config';
import { startHostProcess, type HostProcess } from './host-process';
import type { VirtualPrinter } from './printer/virtual-printer';
import type { TestSandbox } from './sandbox';
import { until } from './until';

const run = promisify(execFile);

/**
 * The environment of a web host in training mode against the test sandbox and a private CUPS
 * queue, with its own data directory that survives the host (for SIGKILL-and-restart tests).
 * `cupsServer` is where the host reaches cupsd (a stalling proxy, say); by default cupsd itself.
 */
export function hostEnv(o: {
  sandbox: TestSandbox;
  /** A real CUPS queue for A4; without one the host prints to its virtual printer. */
  cups?: VirtualPrinter;
  hall: { id: string; name: string };
  counter: string;
  cupsServer?: string;
}): Record<string, string> {
  const cupsServer = o.cupsServer ?? o.cups?.cupsServer;
  return {
    ...trainingHostEnv({
      sandbox: o.sandbox,
      hall: o.hall,
      counter: o.counter,
      printer: o.cups ? { backend: 'cups', a4: o.cups.queue } : { backend: 'virtual' },
    }),
    ...(cupsServer ? { CUPS_SERVER: cupsServer } : {}),
  };
}

/** Starts the host from source (so it can be SIGKILLed), remembers it for afterAll, signs the demo clerk in. */
export async function bootSignedIn(env: Record<string, string>, hosts: HostProcess[]): Promise<HostProcess> {
  const h = await startHostProcess(env, { from: 'source' });
  hosts.push(h);
  expect((await h.call('auth.signIn', { userId: 'demo-clerk', password: 'training-123' })).ok).toBe(true);
  return h;
}

/** Places a demo resident's card, waits for their licenses, and chooses the item. */
export async function readyCase(h: HostProcess, name: string, itemCode = 'household-verification'): Promise<CaseView> {
  const cards = await h.callOk('training.cards');
  await h.call('training.toggleCard', { id: cards.cards.find((c) => c.name === name)!.id });
  const c = await until('case with licenses', async () => {
    const v = await h.callOk('case.current');
    return v?.card.name === name && v.registry.state === 'done' ? v : null;
  });
  const chosen = await h.call('case.chooseItem', { caseId: c.caseId, itemCode });
  expect(chosen.ok, JSON.stringify(chosen)).toBe(true);
  return chosen.ok ? chosen.value : c;
}

/** lpstat -o straight at the private cupsd (never through a proxy): the jobs it has not finished. */
export async function unfinishedJobs(cups: VirtualPrinter): Promise<string> {
  return (
    await run('lpstat', ['-o', cups.queue], { env: { ...process.env, CUPS_SERVER: cups.cupsServer } })
  ).stdout.trim();
}
