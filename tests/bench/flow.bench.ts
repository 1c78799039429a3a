import type { CaseView } from '../../electron/api/types';
import type { CaseFlow } from '../../electron/services/flow';
import { makeCore } from '../helpers/core';
import { printerTestSkipReason, startVirtualPrinter, type VirtualPrinter } from '../helpers/printer/virtual-printer';
import { startTestSandbox } from '../helpers/sandbox';
import type { BenchGroup } from './types';

const RUNS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

/**
 * Card placed -> spooler accepted, with the clerk's choices made instantly: a realistic reader
 * (find 30 ms, select 30 ms, read 800 ms, polled every 300 ms), a registry with 50 ms latency, and
 * a real CUPS queue where one can run here (else the virtual printer, which the note says).
 */
async function cardToJob(): Promise<{ p95: number; p50: number; breakdown: string; printer: string }> {
  const sandbox = await startTestSandbox({ child: true });
  await sandbox.setFaults({ latencyMs: 50 });
  let cups: VirtualPrinter | undefined;
  if (!printerTestSkipReason()) {
    cups = await startVirtualPrinter();
    process.env.CUPS_SERVER = cups.cupsServer;
  }
  const f = await makeCore({ boot: { registry: sandbox, ...(cups ? { printerQueue: cups.queue } : {}) } });
  const { core, callOk: call } = f;
  const desk = core.services.desk as CaseFlow;
  const reader = core.services.reader!;
  reader.simulator!.setLatency({ find: 30, select: 30, read: 800 });
  const passing = reader.demoCards().filter((c) => ['张建国', '郭春梅'].includes(c.name));
  const times: number[] = [];
  const phases = { read: [] as number[], fetch: [] as number[], print: [] as number[] };
  const seen = new Set<string>();
  try {
    for (let i = 0; i < RUNS; i++) {
      const card = passing[i % passing.length]!;
      const opened = new Promise<CaseView>((res) => {
        const off = core.bus.onAny((name, payload) => {
          const c = payload as CaseView | null;
          // Late job events of the previous case also say case.changed; wait for a new case.
          if (name === 'case.changed' && c && !seen.has(c.caseId)) {
            seen.add(c.caseId);
            off();
            res(c);
          }
        });
      });
      const t0 = performance.now();
      reader.toggleCard(card.id);
      const c = await opened;
      const tRead = performance.now();
      await call('case.chooseItem', { caseId: c.caseId, itemCode: 'clean-energy-check' });
      const tChosen = performance.now();
      const printed = (await call('case.print', { caseId: c.caseId })) as CaseView;
      const tPrinted = performance.now();
      times.push(tPrinted - t0);
      phases.read.push(tRead - t0);
      phases.fetch.push(tChosen - tRead);
      phases.print.push(tPrinted - tChosen);
      if (!printed.job) throw new Error('no print job');
      // Not timed: void so the address can be issued again this season, take the card off.
      await sleep(300);
      desk.voidCase(c.caseId, 'benchmark run');
      reader.toggleCard(card.id);
      while (reader.card()) await sleep(50);
    }
  } finally {
    await f.close();
    await cups?.stop();
    await sandbox.stop();
  }
  const med = (xs: number[]) => Math.round(pct(xs, 50));
  const breakdown = `median phases: card read ${med(phases.read)} ms, registry fetch + checks ${med(phases.fetch)} ms, issue + render + spooler accept ${med(phases.print)} ms`;
  return {
    p95: pct(times, 95),
    p50: pct(times, 50),
    breakdown,
    printer: cups ? `CUPS queue ${cups.queue} (ippeveprinter)` : 'virtual printer (CUPS not available here)',
  };
}

export const groups: BenchGroup[] = [
  {
    names: ['flow.card_to_job_ms_p95', 'flow.card_to_job_ms_p50'],
    async run() {
      const r = await cardToJob();
      const note = `${RUNS} cases; ${r.breakdown}; reader find 30/select 30/read 800 ms polled every 300 ms; registry +50 ms; printer: ${r.printer}`;
      return [
        { name: 'flow.card_to_job_ms_p95', value: Math.round(r.p95), unit: 'ms', note },
        { name: 'flow.card_to_job_ms_p50', value: Math.round(r.p50), unit: 'ms', note },
      ];
    },
  },
];
