import { mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { isAlive, run } from './procs';

/**
 * dbus and avahi are machine-wide (ippeveprinter needs DNS-SD), so concurrent test files share
 * them. Each user takes a lease file; the last one out stops only the daemons a helper started,
 * never ones that were running before.
 */
const STATE = join(tmpdir(), 'counter-printer-helper');
const LOCK = join(STATE, 'lock');
const LEASES = join(STATE, 'leases');
const STARTED = join(STATE, 'started.json');

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(STATE, { recursive: true });
  const end = Date.now() + 15_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const age = await stat(LOCK).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 30_000) await rmdir(LOCK).catch(() => undefined); // holder died
      if (Date.now() > end) throw new Error(`printer helper lock ${LOCK} is held too long`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
}

async function readPid(file: string): Promise<number | null> {
  const n = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  return Number.isInteger(n) && n > 0 ? n : null;
}

async function dbusRunning(): Promise<boolean> {
  const pid = await readPid('/run/dbus/pid');
  return pid !== null && isAlive(pid) && existsSync('/run/dbus/system_bus_socket');
}

async function avahiRunning(): Promise<boolean> {
  return run('avahi-daemon', ['--check']).then(
    () => true,
    () => false,
  );
}

interface Started {
  dbus?: number;
  avahi?: number;
}

export async function acquireDaemons(): Promise<string> {
  return withLock(async () => {
    const started: Started = JSON.parse(await readFile(STARTED, 'utf8').catch(() => '{}')) as Started;
    if (!(await dbusRunning())) {
      await mkdir('/run/dbus', { recursive: true });
      await rm('/run/dbus/pid', { force: true }); // stale: dbus refuses to start over it
      const pid = Number((await run('dbus-daemon', ['--system', '--fork', '--print-pid'])).trim().split(/\s+/)[0]);
      if (pid > 0) started.dbus = pid;
    }
    if (!(await avahiRunning())) {
      await run('avahi-daemon', ['-D']);
      const pid = await readPid('/run/avahi-daemon/pid');
      if (pid) started.avahi = pid;
    }
    await writeFile(STARTED, JSON.stringify(started));
    await mkdir(LEASES, { recursive: true });
    const lease = `${process.pid}-${randomUUID()}`;
    await writeFile(join(LEASES, lease), '');
    return lease;
  });
}

export async function releaseDaemons(lease: string): Promise<void> {
  await withLock(async () => {
    await rm(join(LEASES, lease), { force: true });
    const rest = (await readdir(LEASES).catch(() => [] as string[])).filter((l) => isAlive(Number(l.split('-')[0])));
    if (rest.length > 0) return;
    const started: Started = JSON.parse(await readFile(STARTED, 'utf8').catch(() => '{}')) as Started;
    for (const pid of [started.avahi, started.dbus])
      if (pid && isAlive(pid))
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          /* gone */
        }
    await rm(STARTED, { force: true });
    await rm(LEASES, { recursive: true, force: true });
  });
}
