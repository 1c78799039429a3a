import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';

/** A child process as both hosts can start one (node child_process, or Electron's utilityProcess). */
export interface ChildLike {
  stdout: NodeJS.ReadableStream | null;
  stderr?: NodeJS.ReadableStream | null;
  kill(): boolean | void;
  once(event: 'exit', fn: (code: number | null) => void): unknown;
}

export type SandboxLauncher = (args: string[], env: Record<string, string>) => ChildLike;

export interface SandboxProcess {
  url: string;
  appKey: string;
  appSecret: string;
  adminSecret: string;
  /** Demo residents written by the sandbox for this run (ages relative to today). */
  demoResidents: unknown[];
  stop(): void;
}

/** Plain Node: the bundled sandbox next to the web host, or the source through tsx in development. */
export function nodeSandboxLauncher(bundleDir: string, repoRoot: string): SandboxLauncher {
  const bundled = join(bundleDir, 'sandbox.js');
  return (args, env) => {
    const argv = existsSync(bundled)
      ? [bundled, ...args]
      : ['--import', 'tsx', join(repoRoot, 'sandbox/cli.ts'), ...args];
    // stdin stays open as a lifeline: when this process dies, even by SIGKILL, the sandbox sees EOF and exits.
    return spawn(process.execPath, argv, {
      env: { ...process.env, ...env, SANDBOX_EXIT_WITH_STDIN: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  };
}

/**
 * Starts the training sandbox registry on a free loopback port with fresh credentials and waits
 * for its ready line. The app talks to it only over HTTP, like to the real registry.
 */
export async function startSandboxChild(
  launch: SandboxLauncher,
  workDir: string,
  timeoutMs = 60_000,
): Promise<SandboxProcess> {
  const creds = {
    appKey: 'training-terminal',
    appSecret: randomBytes(24).toString('base64url'),
    adminSecret: randomBytes(24).toString('base64url'),
  };
  const demoFile = join(workDir, 'demo-residents.json');
  const child = launch(['--port', '0', '--write-demo', demoFile], {
    SANDBOX_APP_KEY: creds.appKey,
    SANDBOX_APP_SECRET: creds.appSecret,
    SANDBOX_ADMIN_SECRET: creds.adminSecret,
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new AppError(
            'REGISTRY_SANDBOX_START',
            `The training registry did not start within ${timeoutMs / 1000} s; restart the app, and if it repeats send the start-up log to the maintainers.`,
          ),
        ),
      timeoutMs,
    );
    const onData = (b: Buffer | string) => {
      out += b.toString();
      const m = /Sandbox registry ready: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (b: Buffer | string) => (out += b.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new AppError(
          'REGISTRY_SANDBOX_START',
          `The training registry stopped at start-up (exit ${code}); restart the app, and if it repeats send the start-up log to the maintainers. Last output: ${out.slice(-300)}`,
        ),
      );
    });
  });
  let demoResidents: unknown[] = [];
  try {
    demoResidents = JSON.parse(readFileSync(demoFile, 'utf8')) as unknown[];
  } catch {
    // The registry still works; the training panel falls back to the reader's built-in cards.
  }
  return { url, ...creds, demoResidents, stop: () => void child.kill() };
}
