import { spawn, type ChildProcess } from 'node:child_process';
import { awaitReadyLine } from './ready-line';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface Host {
  proc: ChildProcess;
  call: (op: string, args?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  output: () => string;
}

/** The web host as its own process (from source through tsx), so a test can SIGKILL it mid-case. */
export async function startHost(env: Record<string, string>): Promise<Host> {
  const renderer = join(env.COUNTER_DATA_DIR!, '..', 'renderer');
  if (!existsSync(join(renderer, 'index.html'))) {
    mkdirSync(renderer, { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>test</title>');
  }
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/web-host.ts'), '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, COUNTER_RENDERER_DIR: renderer, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = awaitReadyLine(proc, 60_000);
  const url = await ready.url;
  const u = new URL(url);
  const secret = u.hash.split('secret=')[1]!;
  const call: Host['call'] = async (op, args = {}) => {
    const r = await fetch(`${u.origin}/api/${op}`, { method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
    return (await r.json()) as Awaited<ReturnType<Host['call']>>;
  };
  return { proc, call, output: ready.output };
}

export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
