import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { trainingHostEnv } from '../helpers/host-config';
import { startHostProcess } from '../helpers/host-process';
import { startTestSandbox } from '../helpers/sandbox';
import { pidCpu, pidMainThreadCpu, pidThreadCpu, treeCpu } from './cpu';

function threadSplit(pid: number, a: Map<number, number>, b: Map<number, number>): HostBatchRun['threads'] {
  const out = { before: 0, started: 0 };
  for (const [tid, s] of b) {
    if (tid === pid) continue;
    if (a.has(tid)) out.before += s - a.get(tid)!;
    else out.started += s;
  }
  return out;
}

/** A process's resident-set high-water mark (VmHWM), in MB: its peak over its whole life. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Math.round(Number(m[1]) / 1024);
}

export interface HostBatchRun {
  lines: number;
  secs: number;
  via: string;
  /** CPU seconds over the run: the host's main thread, the whole host, the sandbox. */
  cpu: { main: number; terminal: number; registry: number };
  /**
   * The host's CPU seconds over the run apart from its main thread: `before`, threads alive before
   * the run (V8's helpers: concurrent GC and compilation); `started`, threads the run started
   * (the verification threads and the rules thread, as last seen by a poll).
   */
  threads: { before: number; started: number };
  peakRssMb: number;
  /** Lines a second after the first 10% (the start: the first answers, the verification thread, JIT). */
  steadyRate?: number;
}

/**
 * A batch check as the terminal ships: the built web host (`out/main/web-host.js`, the bundle
 * Electron's main process runs too) as its own process against the sandbox (+20 ms a call), the
 * list uploaded and run through the API as a station user would. Times the run from `batch.start`
 * to `done`; CPU from /proc for the host's main thread, the whole host and the sandbox; the host's
 * peak RSS from the kernel. Needs `npm run build`.
 */
export async function hostBatch(o: HostBatchOptions): Promise<HostBatchRun> {
  return (await hostBatches(o, 1))[0]!;
}

export interface HostBatchOptions {
  /**
   * Writes run `run`'s list (0 first). A later run's list should hold other people: the same
   * licenses again would be answered by the verdict memo, not checked.
   */
  list: (path: string, run: number) => void;
  lines: number;
  itemCode: string;
  mapping: { name: number; idNumber: number; fatherIdNumber?: number; motherIdNumber?: number };
  residents?: number;
  /** License types the sandbox signs before serving (a registry holds its licenses signed since issue). */
  presign?: readonly string[];
}

/**
 * `runs` jobs, one after another in the same host: the first is a terminal's first list since it
 * started; the later ones find its threads, heaps and compiled code as the first left them. Each
 * job has its own batch number, so every person is a new use at the registry.
 */
export async function hostBatches(o: HostBatchOptions, runs: number): Promise<HostBatchRun[]> {
  const sb = await startTestSandbox({
    child: true,
    ...(o.residents ? { residents: o.residents } : {}),
    ...(o.presign ? { presign: o.presign } : {}),
  });
  await sb.setFaults({ latencyMs: 20 });
  const env = trainingHostEnv({ sandbox: sb, hall: { id: 'BENCH', name: '基准大厅' }, counter: 'B1' });
  const dir = dirname(env.COUNTER_CONFIG);
  const host = await startHostProcess(env);
  const pid = host.proc.pid!;
  try {
    await host.callOk('auth.signIn', { userId: 'demo-station', password: 'training-123' });
    const out: HostBatchRun[] = [];
    for (let run = 0; run < runs; run++) {
      const path = join(dir, `list-${run}.csv`);
      o.list(path, run);
      out.push(await oneRun(path));
    }
    return out;
  } finally {
    host.proc.kill('SIGTERM');
    await new Promise((r) => host.proc.once('exit', r));
    await sb.stop();
  }

  async function oneRun(path: string): Promise<HostBatchRun> {
    const bytes = readFileSync(path);
    const chunk = 512 * 1024;
    let uploadId: string | undefined;
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      const up = await host.callOk('batch.upload', {
        ...(uploadId ? { uploadId } : {}),
        fileName: 'bench.csv',
        size: bytes.length,
        offset,
        data: bytes.subarray(offset, offset + chunk).toString('base64'),
      });
      uploadId = up.uploadId;
    }
    const cpu = () => ({
      main: pidMainThreadCpu(pid) ?? NaN,
      terminal: pidCpu(pid) ?? NaN,
      registry: treeCpu(sb.pid!) ?? NaN,
    });
    const c0 = cpu();
    const th0 = pidThreadCpu(pid);
    // Sampled at every poll too: a thread the run starts and ends (the rules thread) is gone by the end.
    const seen = new Map<number, number>();
    const sample = () => {
      for (const [tid, s] of pidThreadCpu(pid)) seen.set(tid, s);
    };
    const t0 = performance.now();
    const job = await host.callOk('batch.start', {
      uploadId: uploadId!,
      itemCode: o.itemCode,
      reason: '基准测试',
      mapping: o.mapping,
    });
    let view = job;
    let from: { t: number; done: number } | undefined;
    // Polled as the screen's progress bar would be; each poll is a few microseconds of the host's time.
    while (view.state === 'running' || view.state === 'ready') {
      await new Promise((r) => setTimeout(r, 100));
      view = await host.callOk('batch.get', { jobId: job.id });
      sample();
      const done = view.progress?.done ?? 0;
      if (!from && done >= o.lines / 10) from = { t: performance.now(), done };
    }
    const end = performance.now();
    const secs = (end - t0) / 1000;
    const c1 = cpu();
    sample();
    const th1 = seen;
    if (view.state !== 'done')
      throw new Error(`the batch ended ${view.state}: ${JSON.stringify(view.progress?.error)}`);
    const lines = Object.values(view.counts).reduce((a, b) => a + b, 0);
    if (lines !== o.lines) throw new Error(`the batch recorded ${lines} lines of ${o.lines}`);
    return {
      lines,
      secs,
      via: view.progress?.via ?? '?',
      cpu: { main: c1.main - c0.main, terminal: c1.terminal - c0.terminal, registry: c1.registry - c0.registry },
      threads: threadSplit(pid, th0, th1),
      peakRssMb: peakRssMb(pid),
      ...(from && end > from.t ? { steadyRate: (lines - from.done) / ((end - from.t) / 1000) } : {}),
    };
  }
}
