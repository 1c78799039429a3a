import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startHostProcess, type HostProcess } from '../../helpers/host-process';
import { until } from '../../helpers/until';

/**
 * Training mode as `npm start` runs it (the built web host): a hall server child with embedded
 * PostgreSQL in the data folder, paired by itself; the terminal is ready before the hall is, and
 * a SIGTERM stops the hall and its PostgreSQL.
 */
const BUILT = resolve(__dirname, '../../../out/main/web-host.js');
const running = (needle: string) => {
  try {
    return execFileSync('pgrep', ['-f', needle], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
};

if (!existsSync(BUILT)) console.log(`skipped: ${BUILT} is missing; run "npm run build" first`);

let h: HostProcess | undefined;
afterAll(() => {
  if (h && h.proc.exitCode === null) h.proc.kill('SIGKILL');
});

it.skipIf(!existsSync(BUILT))(
  'starts a paired training hall in the background and stops it with the terminal',
  async () => {
    const t0 = Date.now();
    h = await startHostProcess({ COUNTER_TRAINING_HALL: '1' });
    const readyMs = Date.now() - t0;
    const hallDir = join(h.dataDir, 'training-hall');
    await h.callOk('auth.signIn', { userId: 'demo-admin', password: 'training-123' });
    const link = await until(
      'the training hall paired',
      async () => {
        const s = await h!.callOk('hall.link', {});
        return s.paired ? s : null;
      },
      { timeoutMs: 120_000, stepMs: 500 },
    );
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await h.callOk('auth.signOut', {});
    await h.callOk('auth.signIn', { userId: 'demo-supervisor', password: 'training-123' });
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const v = await h.callOk('hall.stats', { from: day, to: day, by: 'total' });
    expect(v.scope.hallWide).toBe(true);
    expect(running(join(hallDir, 'pg'))).toBe(true);
    console.log(`terminal ready in ${readyMs} ms; hall paired ${link.pairedAt}`);

    h.proc.kill('SIGTERM');
    await until('the terminal exited', () => h!.proc.exitCode !== null, { timeoutMs: 30_000 });
    await until('PostgreSQL of the training hall stopped', () => !running(join(hallDir, 'pg')), { timeoutMs: 20_000 });
    // The hall server itself is gone too: its port no longer answers.
    await expect(fetch(link.url!, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  },
  200_000,
);

it.skipIf(!existsSync(BUILT))(
  'a SIGKILLed terminal still takes its training hall and PostgreSQL down',
  async () => {
    const k = await startHostProcess({ COUNTER_TRAINING_HALL: '1' });
    const hallDir = join(k.dataDir, 'training-hall');
    await k.callOk('auth.signIn', { userId: 'demo-admin', password: 'training-123' });
    const link = await until(
      'the training hall paired',
      async () => {
        const s = await k.callOk('hall.link', {});
        return s.paired ? s : null;
      },
      { timeoutMs: 120_000, stepMs: 500 },
    );
    expect(running(join(hallDir, 'pg'))).toBe(true);
    k.proc.kill('SIGKILL');
    // The hall child sees its stdin close and stops PostgreSQL itself.
    await until('PostgreSQL of the training hall stopped', () => !running(join(hallDir, 'pg')), { timeoutMs: 30_000 });
    await expect(fetch(link.url!, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  },
  200_000,
);
