import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { CupsBackend } from '../../../native/printer/cups/backend';
import { cardPrinterAttributes } from './card-attributes';
import { acquireDaemons, releaseDaemons } from './daemons';
import { canConnect, freePort, run, startProcess, stopProcess } from './procs';
import { until } from '../until';

/**
 * A real CUPS queue backed by an IPP Everywhere virtual printer (ippeveprinter), on loopback.
 * Each instance runs its own cupsd on a free port with its own config and spool, so test files
 * running in parallel never share queues or job ids, and a system cupsd is left untouched.
 * Point the app at it with `cupsServer` (CUPS_SERVER / CupsBackend({ server })).
 */
export interface VirtualPrinter {
  queue: string;
  /** Where ippeveprinter stores every document it receives. */
  spoolDir: string;
  /** "127.0.0.1:PORT" of the private cupsd. */
  cupsServer: string;
  env: { CUPS_SERVER: string };
  ippUri: string;
  /** Stops ippeveprinter and cupsd (by pid) and deletes the temp dir. */
  stop(): Promise<void>;
  /** cupsdisable: the queue is stopped, jobs stay pending. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** cupsreject: the queue refuses new jobs. */
  reject(): Promise<void>;
  accept(): Promise<void>;
  /** Kills the device (ippeveprinter): CUPS reports it unreachable and keeps the job. */
  kill(): Promise<void>;
  /** Starts the device again on the same port. */
  restart(): Promise<void>;
  /** PDFs the device has received so far. */
  documents(): Promise<string[]>;
  /** Tail of the daemons' logs, for failing tests. */
  logs(): string;
}

const NEEDED = ['cupsd', 'lpadmin', 'cupsdisable', 'cupsreject', 'ippeveprinter', 'dbus-daemon', 'avahi-daemon'];
const PATHS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Why the CUPS tests cannot run here, or null if they can. Print it with it.skipIf. */
export function printerTestSkipReason(): string | null {
  if (process.platform !== 'linux') return `CUPS printer tests run on Linux only (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'CUPS printer tests need root (they start cupsd, dbus and avahi)';
  const missing = NEEDED.filter((b) => !PATHS.some((p) => existsSync(join(p, b))));
  if (missing.length)
    return `missing ${missing.join(', ')}: apt-get install -y --no-install-recommends cups cups-client cups-ipp-utils avahi-daemon dbus`;
  return null;
}

let seq = 0;

/**
 * `locale`: cupsd's LANG, e.g. 'zh_CN.UTF-8' for a hall whose print server runs in Chinese.
 * `card`: the device also lists the CR80 card size (an ippeveprinter attributes file), so a card
 * job completes; without it ippeveprinter refuses CR80 and CUPS holds the job ("cannot print
 * with supplied options").
 */
export async function startVirtualPrinter(
  opts: { queue?: string; locale?: string; card?: boolean } = {},
): Promise<VirtualPrinter> {
  const skip = printerTestSkipReason();
  if (skip) throw new Error(`Cannot start the virtual printer: ${skip}`);
  const root = await mkdtemp(join(tmpdir(), 'counter-cups-'));
  // cupsd's filters and backends run as user lp and must traverse to the spool dir.
  await chmod(root, 0o755);
  const dirs = Object.fromEntries(
    ['conf', 'spool', 'cache', 'state', 'tmp', 'log', 'ipp'].map((d) => [d, join(root, d)]),
  ) as Record<string, string>;
  for (const d of Object.values(dirs)) await mkdir(d, { recursive: true });
  const queue = opts.queue ?? `Counter_${process.pid}_${++seq}`;
  const [cupsPort, ippPort] = [await freePort(), await freePort()];
  const log: string[] = [];
  const append = (who: string) => (s: string) => {
    log.push(`[${who}] ${s}`);
    if (log.length > 200) log.shift();
  };
  let lease: string | null = null;
  let device: ChildProcess | null = null;
  let cupsd: ChildProcess | null = null;

  // ippeveprinter without -c simulates printing for several seconds; a no-op command makes
  // jobs complete at once while -k still keeps every received document in the spool dir.
  const noop = join(root, 'done.sh');
  await writeFile(noop, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  // ippeveprinter refuses -f together with -a: the attributes file names the formats itself.
  let formats = ['-f', 'application/pdf'];
  if (opts.card) {
    const conf = join(root, 'card-printer.conf');
    await writeFile(conf, cardPrinterAttributes());
    formats = ['-a', conf];
  }
  const startDevice = async () => {
    device = startProcess(
      'ippeveprinter',
      ['-p', String(ippPort), '-c', noop, '-d', dirs.ipp!, '-k', ...formats, `Counter Test ${ippPort}`],
      append('ippeveprinter'),
    );
    const d = device;
    await until(
      `ippeveprinter on port ${ippPort}`,
      async () => {
        if (d.exitCode !== null) throw new Error(`ippeveprinter exited (${d.exitCode}): ${log.join('').slice(-500)}`);
        return canConnect(ippPort);
      },
      { timeoutMs: 10_000, stepMs: 50 },
    );
  };
  const admin = (tool: string, ...args: string[]) =>
    run(tool, ['-h', `127.0.0.1:${cupsPort}`, ...args]).then(() => undefined);

  const stop = async () => {
    if (device) await stopProcess(device);
    if (cupsd) await stopProcess(cupsd);
    device = cupsd = null;
    if (lease) await releaseDaemons(lease);
    lease = null;
    await rm(root, { recursive: true, force: true });
  };

  try {
    lease = await acquireDaemons();
    await writeFile(join(dirs.conf!, 'cupsd.conf'), cupsdConf(cupsPort));
    await writeFile(join(dirs.conf!, 'cups-files.conf'), filesConf(dirs));
    await startDevice();
    cupsd = startProcess(
      'cupsd',
      ['-f', '-c', join(dirs.conf!, 'cupsd.conf'), '-s', join(dirs.conf!, 'cups-files.conf')],
      append('cupsd'),
      opts.locale ? { LANG: opts.locale, LC_ALL: opts.locale } : undefined,
    );
    const probe = new CupsBackend({ server: `127.0.0.1:${cupsPort}`, timeoutMs: 1000 });
    const c = cupsd;
    await until(
      `cupsd on port ${cupsPort}`,
      async () => {
        if (c.exitCode !== null) throw new Error(`cupsd exited (${c.exitCode}): ${log.join('').slice(-500)}`);
        return probe.checkSpooler().then(
          () => true,
          () => false,
        );
      },
      { timeoutMs: 10_000, stepMs: 50 },
    );
    await probe.close();
    await admin('lpadmin', '-p', queue, '-E', '-v', `ipp://127.0.0.1:${ippPort}/ipp/print`, '-m', 'everywhere');
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }

  return {
    queue,
    spoolDir: dirs.ipp!,
    cupsServer: `127.0.0.1:${cupsPort}`,
    env: { CUPS_SERVER: `127.0.0.1:${cupsPort}` },
    ippUri: `ipp://127.0.0.1:${ippPort}/ipp/print`,
    stop,
    pause: () => admin('cupsdisable', queue),
    resume: () => admin('cupsenable', queue),
    reject: () => admin('cupsreject', queue),
    accept: () => admin('cupsaccept', queue),
    kill: async () => {
      if (device) await stopProcess(device);
      device = null;
    },
    restart: async () => {
      if (!device) await startDevice();
    },
    documents: async () => (await readdir(dirs.ipp!)).filter((f) => f.endsWith('.pdf')).sort(),
    logs: () => log.join(''),
  };
}

function cupsdConf(port: number): string {
  return `Listen 127.0.0.1:${port}
LogLevel warn
Browsing Off
WebInterface No
DefaultAuthType None
JobRetryInterval 1
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
`;
}

function filesConf(d: Record<string, string>): string {
  return `ServerRoot ${d.conf}
RequestRoot ${d.spool}
CacheDir ${d.cache}
StateDir ${d.state}
TempDir ${d.tmp}
ErrorLog ${d.log}/error_log
AccessLog ${d.log}/access_log
PageLog ${d.log}/page_log
`;
}
