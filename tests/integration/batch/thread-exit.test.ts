import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

/**
 * The rules thread outlives its run for minutes and the verification threads live as long as the
 * registry client, so both are unref'd while idle: a process that is done must end without
 * closing them. While an answer is due they hold the process, or it would end mid-run.
 */
describe('the worker threads and the end of the process', () => {
  it('hold the process while an answer is due, and let it end when idle', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'tests/helpers/thread-exit-child.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Far below the rules thread's idle time (5 min): ending at all is what is checked, not how soon.
    const code = await new Promise<number | string>((res) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        res('still running after 45 s');
      }, 45_000);
      child.on('exit', (c) => {
        clearTimeout(t);
        res(c ?? 'killed');
      });
    });
    expect({ code, out, err }).toEqual({
      code: 0,
      out: 'threaded true 1\nrules answered 0\nsm2 answered true\n',
      err: '',
    });
  }, 60_000);
});
