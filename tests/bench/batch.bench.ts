import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import demo from '../../resources/sandbox/demo-residents.json';
import { idCheckDigit } from '../../protocol/id-number';
import { BatchRunner, createJob } from '../../electron/services/batch';
import { getItem, loadCatalog } from '../../electron/services/catalog';
import { generateWorld } from '../../sandbox/generator/generate';
import { makeCore } from '../helpers/core';
import { startHostProcess } from '../helpers/host-process';
import { startTestSandbox } from '../helpers/sandbox';
import { hasProc, mainThreadCpu, processCpu, treeCpu } from './cpu';
import type { BenchGroup, BenchResult } from './types';

/**
 * A list of `n` applicants: the demo residents (who hold licenses, so verification is measured)
 * and made-up valid numbers (the registry answers "none") in turn.
 */
function writeList(path: string, n: number): void {
  const residents = demo.filter((d) => d.cardKind === 'resident');
  const lines = ['姓名,身份证号码'];
  for (let i = 0; i < n; i++) {
    if (i < residents.length) lines.push(`${residents[i]!.name},${residents[i]!.idNumber}`);
    else {
      const first = `110901${1930 + (i % 80)}0${1 + (i % 9)}1${i % 9}${String(i % 1000).padStart(3, '0')}`;
      lines.push(`居民${i},${first}${idCheckDigit(first)}`);
    }
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

const SCHOOL_RESIDENTS = 20_000;

/**
 * A school-enrolment list of `n` lines from the sandbox's deterministic world (built here with the
 * sandbox's seed and size, so it matches the child process's world): children with the head and
 * spouse of their household as parents, in turn, repeated children made unique by cycling.
 */
function writeSchoolList(path: string, n: number): void {
  const w = generateWorld({ residents: SCHOOL_RESIDENTS });
  const lines = ['姓名,身份证号码,父亲身份证号,母亲身份证号'];
  const kids = w.residents.filter((r) => r.household >= 0 && (r.relation === '子' || r.relation === '女'));
  for (let i = 0; i < Math.min(n, kids.length); i++) {
    const c = kids[i]!;
    const ps = w.households[c.household]!.members.map((m) => w.residents[m]!);
    const parent = (sex: string) =>
      ps.find((m) => (m.relation === '户主' || m.relation === '配偶') && m.sex === sex)?.idNumber ?? '';
    lines.push(`${c.name},${c.idNumber},${parent('男')},${parent('女')}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

async function measure(
  name: string,
  rows: number,
  viaBatch: boolean,
  rss = false,
  itemCode = 'senior-card',
): Promise<BenchResult[]> {
  const school = itemCode === 'school-enrolment';
  const sb = await startTestSandbox({ child: true, ...(school ? { residents: SCHOOL_RESIDENTS } : {}) });
  await sb.setFaults({ latencyMs: 20 });
  const f = await makeCore({ boot: { registry: sb } });
  try {
    const list = join(f.dir, 'list.csv');
    if (school) writeSchoolList(list, rows);
    else writeList(list, rows);
    const item = getItem(loadCatalog(), itemCode);
    createJob(f.core.db, f.core.services.cipher!, {
      id: 'BENCH-1',
      itemCode: item.code,
      reason: '基准测试',
      clerkId: 'bench',
      source: list,
      mapping: school ? { name: 0, idNumber: 1, fatherIdNumber: 2, motherIdNumber: 3 } : { name: 0, idNumber: 1 },
    });
    const runner = new BatchRunner({
      db: f.core.db,
      cipher: f.core.services.cipher!,
      licenses: f.core.services.licenses!,
      ...(viaBatch ? { batch: f.core.services.registry!, batchSize: 100 } : {}),
      concurrency: 8,
      item,
      who: { organisation: 'bench', clerk: 'bench' },
    });
    let fellBack = '';
    runner.on('fallback', (why) => (fellBack = `; fell back to per-person calls: ${why.slice(0, 120)}`));
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const cpu = () => ({ main: mainThreadCpu(), proc: processCpu(), registry: sb.pid ? treeCpu(sb.pid) : undefined });
    const c0 = cpu();
    const t0 = performance.now();
    await runner.run('BENCH-1').finally(() => clearInterval(sampler));
    const secs = (performance.now() - t0) / 1000;
    const c1 = cpu();
    // Where the time went, per line, whatever else the machine was doing: the figure a quiet
    // machine's rate follows (the main thread and the pool's threads run on separate cores).
    const perRow = (k: keyof typeof c0) =>
      c0[k] !== undefined && c1[k] !== undefined ? Math.round(((c1[k] - c0[k]) / rows) * 1e6) / 1e3 : undefined;
    const cpuFigures: BenchResult[] = [];
    if (hasProc && !rss)
      for (const [k, what] of [
        ['main', "the terminal's main thread (answers, rules, rows, commits)"],
        ['proc', 'the whole terminal process (main, signature threads, GC helpers)'],
        ['registry', 'the sandbox registry process'],
      ] as const) {
        const v = perRow(k);
        if (v !== undefined)
          cpuFigures.push({
            name: `${name}.cpu_ms_per_row_${k === 'proc' ? 'terminal' : k}`,
            value: v,
            unit: 'ms',
            note: `CPU of ${what} per line`,
          });
      }
    if (rss)
      return [
        {
          name,
          value: Math.round(peak / 2 ** 20),
          unit: 'MB',
          note: `peak RSS of the terminal process over ${rows} rows (${Math.round(rows / secs)} people/s); sandbox in its own process${fellBack}`,
        },
      ];
    return [
      {
        name,
        value: Math.round(rows / secs),
        unit: 'people/s',
        note: `${rows} rows (applicants), ${item.code} (${item.rules.filter((r) => r.kind !== 'card-valid').length} conditions${school ? '; child and both parents fetched' : ''}), sandbox +20 ms${fellBack}`,
      },
      ...cpuFigures,
    ];
  } finally {
    await f.close();
    await sb.stop();
  }
}

/** A process's resident-set high-water mark (VmHWM), in MB: its peak over its whole life. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Math.round(Number(m[1]) / 1024);
}

/**
 * The memory figure of the terminal as it ships: the built web host (`out/main/web-host.js`, the
 * bundle Electron's main process runs too) as its own process against the sandbox, a 100,000-line
 * list uploaded and run through the API as a station user would, and the host's peak RSS read
 * from the kernel afterwards. The in-process runs above carry tsx, its source maps and the bench.
 */
async function hostRss(rows: number): Promise<BenchResult[]> {
  const sb = await startTestSandbox({ child: true });
  await sb.setFaults({ latencyMs: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-batch-rss-'));
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      mode: 'training',
      hall: { id: 'BENCH', name: '基准大厅' },
      counter: 'B1',
      registry: { url: sb.url, appKey: sb.appKey, appSecret: sb.appSecret },
      printer: { backend: 'virtual' },
    }),
  );
  const host = await startHostProcess({ COUNTER_CONFIG: config, COUNTER_DATA_DIR: join(dir, 'data') });
  try {
    await host.callOk('auth.signIn', { userId: 'demo-station', password: 'training-123' });
    const list = join(dir, 'list.csv');
    writeList(list, rows);
    const bytes = readFileSync(list);
    const chunk = 512 * 1024;
    let uploadId: string | undefined;
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      const up = await host.callOk('batch.upload', {
        ...(uploadId ? { uploadId } : {}),
        fileName: 'bench.csv',
        size: bytes.length,
        offset,
        data: bytes.subarray(offset, offset + chunk).toString('base64'),
      });
      uploadId = up.uploadId;
    }
    const t0 = performance.now();
    const job = await host.callOk('batch.start', {
      uploadId: uploadId!,
      itemCode: 'senior-card',
      reason: '基准测试',
      mapping: { name: 0, idNumber: 1 },
    });
    let view = job;
    while (view.state === 'running' || view.state === 'ready') {
      await new Promise((r) => setTimeout(r, 500));
      view = await host.callOk('batch.get', { jobId: job.id });
    }
    const secs = (performance.now() - t0) / 1000;
    if (view.state !== 'done')
      throw new Error(`the batch ended ${view.state}: ${JSON.stringify(view.progress?.error)}`);
    const checked = Object.values(view.counts).reduce((a, b) => a + b, 0);
    if (checked !== rows) throw new Error(`the batch recorded ${checked} rows of ${rows}`);
    return [
      {
        name: 'batch.rss_mb',
        value: peakRssMb(host.proc.pid!),
        unit: 'MB',
        note: `peak RSS (VmHWM) of the built web host over ${rows} rows of senior-card through the API (${Math.round(rows / secs)} people/s, via ${view.progress?.via ?? '?'}); sandbox in its own process`,
      },
    ];
  } finally {
    host.proc.kill('SIGTERM');
    await new Promise((r) => host.proc.once('exit', r));
    await sb.stop();
  }
}

const cpuNames = (n: string) => ['main', 'terminal', 'registry'].map((k) => `${n}.cpu_ms_per_row_${k}`);

export const groups: BenchGroup[] = [
  // The figure: 13 conditions a row (school enrolment: a child and two parents per line).
  {
    names: ['batch.people_per_s', ...cpuNames('batch.people_per_s')],
    run: () => measure('batch.people_per_s', 5000, true, false, 'school-enrolment'),
  },
  {
    names: ['batch.people_per_s_senior', ...cpuNames('batch.people_per_s_senior')],
    run: () => measure('batch.people_per_s_senior', 5000, true),
  },
  { names: ['batch.rss_mb'], run: () => hostRss(100_000) },
  {
    names: ['batch.people_per_s_single', ...cpuNames('batch.people_per_s_single')],
    run: () => measure('batch.people_per_s_single', 1000, false),
  },
];
