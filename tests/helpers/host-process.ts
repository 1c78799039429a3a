import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { overHttp, unwrapping, type ApiCall, type RawCall } from './api';
import { awaitReadyLine } from './ready-line';

const ROOT = resolve(__dirname, '../..');
const BUILT = join(ROOT, 'out/main/web-host.js');

export interface HostProcess {
  /** The address with the per-launch secret, as printed on the ready line. */
  url: string;
  origin: string;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
  /** Typed from the contract, over HTTP with the secret. */
  call: ApiCall;
  callOk: ReturnType<typeof unwrapping>;
  callAny: RawCall;
}

export interface HostProcessOptions {
  /**
   * 'build' (default): `out/main/web-host.js`, as `npm run web` runs it (e2e, benchmarks; needs
   * `npm run build`). 'source': electron/web-host.ts through tsx, no build needed, for vitest
   * tests that SIGKILL the host mid-case; it serves a one-file renderer stand-in.
   */
  from?: 'build' | 'source';
}

/** The one host starter: the web host as its own process, waited for until its ready line. */
export async function startHostProcess(
  env: Record<string, string> = {},
  o: HostProcessOptions = {},
): Promise<HostProcess> {
  const dataDir = env.COUNTER_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'counter-host-'));
  let argv: string[];
  const extra: Record<string, string> = {};
  if (o.from === 'source') {
    const renderer = mkdtempSync(join(tmpdir(), 'counter-renderer-'));
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>test</title>');
    extra.COUNTER_RENDERER_DIR = renderer;
    argv = ['--import', 'tsx', join(ROOT, 'electron/web-host.ts'), '--port', '0'];
  } else {
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run "npm run build" first`);
    argv = [BUILT, '--port', '0'];
  }
  const proc = spawn(process.execPath, argv, {
    cwd: ROOT,
    // No training hall (embedded PostgreSQL) unless a test asks for one: COUNTER_TRAINING_HALL=1.
    env: {
      ...process.env,
      COUNTER_CONFIG: '',
      COUNTER_TRAINING_HALL: '0',
      ...extra,
      ...env,
      COUNTER_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = awaitReadyLine(proc, o.from === 'source' ? 60_000 : 30_000);
  const url = await ready.url;
  const u = new URL(url);
  const { call, raw } = overHttp(u.origin, u.hash.split('secret=')[1]!);
  return { url, origin: u.origin, dataDir, proc, output: ready.output, call, callOk: unwrapping(call), callAny: raw };
}
