import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildLike, SandboxLauncher } from './sandbox-child';

export type HallLauncher = SandboxLauncher;

export interface HallProcess {
  url: string;
  /** The one-time pairing code the hall printed at start. */
  code: string;
  /** Stops the hall (it stops its embedded PostgreSQL first) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Plain Node: the bundled hall next to the web host, or the source through tsx in development. */
export function nodeHallLauncher(bundleDir: string, repoRoot: string): HallLauncher {
  const bundled = join(bundleDir, 'hall.js');
  return (args, env) => {
    const argv = existsSync(bundled) ? [bundled, ...args] : ['--import', 'tsx', join(repoRoot, 'hall/cli.ts'), ...args];
    return spawn(process.execPath, argv, { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  };
}

/**
 * Training: a hall server as a child, its embedded PostgreSQL in `dataDir`. Resolves on its ready
 * line and pairing code. stdin stays open as a lifeline (HALL_EXIT_WITH_STDIN): if this process
 * dies, even by SIGKILL, the hall sees EOF and stops PostgreSQL itself.
 */
export function startHallChild(launch: HallLauncher, dataDir: string, timeoutMs = 120_000): Promise<HallProcess> {
  const child: ChildLike = launch([], {
    HALL_DATA_DIR: dataDir,
    HALL_PORT: '0',
    HALL_EXIT_WITH_STDIN: '1',
    DATABASE_URL: '',
  });
  let out = '';
  let exited = false;
  const exit = new Promise<void>((r) =>
    child.once('exit', () => {
      exited = true;
      r();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill();
    await Promise.race([exit, new Promise((r) => setTimeout(r, 15_000))]);
  };
  return new Promise<HallProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`training hall did not start within ${timeoutMs / 1000} s: ${out.slice(-300)}`));
    }, timeoutMs);
    child.stdout?.on('data', (b: Buffer | string) => {
      out += b.toString();
      const url = /Hall server ready: (\S+)/.exec(out)?.[1];
      const code = /Pairing code[^:]*: (\d+)/.exec(out)?.[1];
      if (url && code) {
        clearTimeout(timer);
        resolve({ url, code, stop });
      }
    });
    child.stderr?.on('data', (b: Buffer | string) => (out += b.toString()));
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`training hall stopped at start-up: ${out.slice(-300)}`));
    });
  });
}
