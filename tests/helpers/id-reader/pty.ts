import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../until';

export const hasSocat = spawnSync('sh', ['-c', 'command -v socat']).status === 0;

export interface PtyPair {
  a: string;
  b: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** socat pty pair with stable link names a and b in `dir` (an unplug is stopping it). */
export async function startPtyPair(dir: string): Promise<PtyPair> {
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  proc.stderr?.resume();
  await until('socat pty links', () => existsSync(a) && existsSync(b), { timeoutMs: 5000, stepMs: 10 });
  return { a, b, proc, stop: () => killAndWait(proc) };
}

export function killAndWait(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      if (proc.pid !== undefined) process.kill(proc.pid, 'SIGKILL');
    }, 2000);
    proc.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    process.kill(proc.pid!, signal);
  });
}
