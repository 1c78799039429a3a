import type { ChildProcess } from 'node:child_process';

/**
 * Collects a host process's output and resolves with the URL from its "Counter terminal ready"
 * line; rejects with everything it printed if it exits or stays silent past `timeoutMs`.
 */
export function awaitReadyLine(proc: ChildProcess, timeoutMs: number): { url: Promise<string>; output: () => string } {
  let out = '';
  const url = new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`web host did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const on = (b: Buffer) => {
      out += b.toString();
      const m = /Counter terminal ready: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        res(m[1]);
      }
    };
    proc.stdout!.on('data', on);
    proc.stderr!.on('data', on);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`web host exited with ${code}:\n${out}`));
    });
  });
  return { url, output: () => out };
}
