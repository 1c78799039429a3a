import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startSandbox, type SandboxOptions } from '../../sandbox/server';
import type { FaultsInput } from '../../sandbox/faults';
import type { EconFaultsInput } from '../../sandbox/econ/faults';
import type { UsageRecord } from '../../sandbox/usage-log';
import { signedHeaders } from '../../protocol/request-auth';
import type { UsageContext } from '../../protocol/registry-types';

export interface TestSandbox {
  url: string;
  appKey: string;
  appSecret: string;
  adminSecret: string;
  /** Replaces the active faults through the loopback admin API (the same path training drills use). */
  setFaults(f: FaultsInput): Promise<void>;
  /** The economic sources' per-source faults (POST /admin/econ). */
  setEconFaults(f: EconFaultsInput): Promise<void>;
  /** In-process sandboxes only: every usage record the registry kept. */
  usage?(): UsageRecord[];
  stop(): Promise<void>;
  pid?: number;
}

const ROOT = join(__dirname, '..', '..');

async function postFaults(
  url: string,
  adminSecret: string,
  f: FaultsInput | EconFaultsInput,
  path = 'admin/faults',
): Promise<void> {
  const res = await fetch(new URL(path, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-secret': adminSecret },
    body: JSON.stringify(f),
  });
  if (!res.ok) throw new Error(`sandbox refused faults: ${res.status} ${await res.text()}`);
}

/**
 * Starts a sandbox registry on a free loopback port. In-process by default (fast);
 * `child: true` runs the real CLI as training mode does, stopped by its pid.
 */
export async function startTestSandbox(opts: SandboxOptions & { child?: boolean } = {}): Promise<TestSandbox> {
  const creds = {
    appKey: opts.appKey ?? 'test-app',
    appSecret: opts.appSecret ?? 'test-secret-' + Math.random().toString(36).slice(2),
    adminSecret: opts.adminSecret ?? 'test-admin',
  };
  if (!opts.child) {
    const s = await startSandbox({ ...opts, ...creds, port: 0 });
    return {
      url: s.url,
      ...creds,
      setFaults: (f) => postFaults(s.url, creds.adminSecret, f),
      setEconFaults: (f) => postFaults(s.url, creds.adminSecret, f, 'admin/econ'),
      usage: () => s.usage.all(),
      stop: () => s.close(),
    };
  }
  const args = [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'sandbox', 'cli.ts'), '--port', '0'];
  if (opts.seed) args.push('--seed', opts.seed);
  if (opts.residents) args.push('--residents', String(opts.residents));
  if (opts.today) args.push('--today', opts.today);
  if (opts.presign) args.push('--presign', opts.presign === 'all' ? 'all' : opts.presign.join(','));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      SANDBOX_APP_KEY: creds.appKey,
      SANDBOX_APP_SECRET: creds.appSecret,
      SANDBOX_ADMIN_SECRET: creds.adminSecret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start in 60 s: ${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Sandbox registry ready: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code}: ${err}`));
    });
  });
  if (opts.faults) await postFaults(url, creds.adminSecret, opts.faults);
  return {
    url,
    ...creds,
    pid: child.pid,
    setFaults: (f) => postFaults(url, creds.adminSecret, f),
    setEconFaults: (f) => postFaults(url, creds.adminSecret, f, 'admin/econ'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve();
        child.once('exit', () => resolve());
        process.kill(child.pid, 'SIGTERM');
      }),
  };
}

/** What a test may sign differently from the terminal (usage, row key, clock…). */
export type SignOverrides = Partial<Parameters<typeof signedHeaders>[0]>;

/**
 * A GET signed as the terminal signs it (protocol/request-auth.ts), straight to the sandbox: for
 * tests of the registry's own rules. `sign` overrides what is signed (usage, row key, clock…);
 * `headers` are added after signing (to send what was not signed).
 */
export async function signedGet<T = unknown>(
  sb: Pick<TestSandbox, 'url' | 'appKey' | 'appSecret'>,
  path: string,
  o: {
    usage?: UsageContext;
    sign?: SignOverrides;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: T }> {
  const headers = {
    ...signedHeaders({
      appKey: sb.appKey,
      appSecret: sb.appSecret,
      method: 'GET',
      pathAndQuery: path,
      ...(o.usage ? { usage: o.usage } : {}),
      ...o.sign,
    }),
    ...o.headers,
  };
  const res = await fetch(new URL(path, sb.url), { headers });
  return { status: res.status, body: (await res.json()) as T };
}
