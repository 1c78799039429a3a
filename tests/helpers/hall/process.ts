import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export interface HallProcess {
  url: string;
  pairingCode: string;
  proc: ChildProcess;
  output: () => string;
}

/**
 * `npm run hall` as its own process, waited for until its ready and code lines. `bundled` is
 * hall/cli.ts bundled by `bundle()` (starts faster, for tests that restart it dozens of times).
 */
export function startHallProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
  bundled?: string,
): Promise<HallProcess> {
  // node --import tsx: one process (the tsx CLI would fork a child a SIGKILL of the parent leaves running).
  const proc = spawn(process.execPath, bundled ? [bundled] : ['--import', 'tsx', 'hall/cli.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((res, rej) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL'); // not left running behind a failed test
      rej(new Error(`hall did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const on = (b: Buffer) => {
      out += b.toString();
      const url = /Hall server ready: (\S+)/.exec(out)?.[1];
      const code = /Pairing code[^:]*: (\d+)/.exec(out)?.[1];
      if (url && code) {
        clearTimeout(timer);
        res({ url, pairingCode: code, proc, output: () => out });
      }
    };
    proc.stdout.on('data', on);
    proc.stderr.on('data', on);
    proc.once('exit', (c) => {
      clearTimeout(timer);
      rej(new Error(`hall exited with ${c}:\n${out}`));
    });
  });
}

export function sigkill(p: HallProcess): Promise<void> {
  return new Promise((r) => {
    if (p.proc.exitCode !== null || p.proc.signalCode !== null) return r();
    p.proc.once('exit', () => r());
    p.proc.kill('SIGKILL');
  });
}
