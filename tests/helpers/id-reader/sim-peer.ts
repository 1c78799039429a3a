import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { killAndWait } from './pty';

export interface Peer {
  proc: ChildProcess;
  send(line: string): Promise<string>;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '../../..');

/** Starts native/id-reader/sim-peer.ts as its own process on a serial path; resolves once it prints "ready". */
export async function startPeer(path: string, args: string[] = []): Promise<Peer> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(ROOT, 'native/id-reader/sim-peer.ts'), '--path', path, ...args],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const waiters: Array<(l: string) => void> = [];
  createInterface({ input: proc.stdout! }).on('line', (l) => {
    const w = waiters.shift();
    if (w) w(l);
    else lines.push(l);
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const next = (ms = 10_000) =>
    new Promise<string>((res, rej) => {
      const l = lines.shift();
      if (l !== undefined) return res(l);
      const t = setTimeout(() => rej(new Error(`sim-peer did not answer within ${ms} ms; stderr: ${stderr}`)), ms);
      waiters.push((x) => {
        clearTimeout(t);
        res(x);
      });
    });
  const first = await next();
  if (first !== 'ready') throw new Error(`sim-peer did not start: ${first} ${stderr}`);
  return {
    proc,
    send: async (line) => {
      proc.stdin!.write(`${line}\n`);
      return next();
    },
    stop: () => killAndWait(proc),
  };
}
