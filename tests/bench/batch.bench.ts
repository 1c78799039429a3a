import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import demo from '../../resources/sandbox/demo-residents.json';
import { idCheckDigit } from '../../protocol/id-number';
import { BatchRunner, createJob } from '../../electron/services/batch';
import { getItem, loadCatalog } from '../../electron/services/catalog';
import { generateWorld } from '../../sandbox/generator/generate';
import { makeCore } from '../helpers/core';
import { startTestSandbox } from '../helpers/sandbox';
import { hostBatch, hostBatches, type HostBatchRun } from './batch-host';
import { hasProc, mainThreadCpu, processCpu, treeCpu } from './cpu';
import { machinePaceMs } from './pace';
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

/** Enough children for two runs of 5,000 lines with no child in both (~10,400 at this size). */
const SCHOOL_RESIDENTS = 32_000;

/**
 * A school-enrolment list of `n` lines from the sandbox's deterministic world (built here with the
 * sandbox's seed and size, so it matches the child process's world): children from the `from`th
 * on, with the head and spouse of their household as parents.
 */
function writeSchoolList(path: string, n: number, from = 0): number {
  const w = generateWorld({ residents: SCHOOL_RESIDENTS });
  const lines = ['姓名,身份证号码,父亲身份证号,母亲身份证号'];
  let people = 0;
  const kids = w.residents.filter((r) => r.household >= 0 && (r.relation === '子' || r.relation === '女'));
  if (kids.length < from + n) throw new Error(`the world has ${kids.length} children, not ${from + n}`);
  for (const c of kids.slice(from, from + n)) {
    const ps = w.households[c.household]!.members.map((m) => w.residents[m]!);
    const parent = (sex: string) =>
      ps.find((m) => (m.relation === '户主' || m.relation === '配偶') && m.sex === sex)?.idNumber ?? '';
    lines.push(`${c.name},${c.idNumber},${parent('男')},${parent('女')}`);
    people += 1 + (parent('男') ? 1 : 0) + (parent('女') ? 1 : 0);
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return people;
}

/**
 * Per-person calls (no batch endpoint), in this process: the runner with the registry client and
 * license service of a booted core, as the service wires them.
 */
async function single(name: string, rows: number): Promise<BenchResult[]> {
  const sb = await startTestSandbox({ child: true });
  await sb.setFaults({ latencyMs: 20 });
  const f = await makeCore({ boot: { registry: sb } });
  try {
    const list = join(f.dir, 'list.csv');
    writeList(list, rows);
    const item = getItem(loadCatalog(), 'senior-card');
    createJob(f.core.db, f.core.services.cipher!, {
      id: 'BENCH-1',
      itemCode: item.code,
      reason: '基准测试',
      clerkId: 'bench',
      source: list,
      mapping: { name: 0, idNumber: 1 },
    });
    const runner = new BatchRunner({
      db: f.core.db,
      cipher: f.core.services.cipher!,
      licenses: f.core.services.licenses!,
      concurrency: 8,
      item,
      who: { organisation: 'bench', clerk: 'bench' },
    });
    const cpu = () => ({
      main: mainThreadCpu(),
      terminal: processCpu(),
      registry: sb.pid ? treeCpu(sb.pid) : undefined,
    });
    const c0 = cpu();
    const t0 = performance.now();
    await runner.run('BENCH-1');
    const secs = (performance.now() - t0) / 1000;
    const c1 = cpu();
    const figures: BenchResult[] = [
      {
        name,
        value: Math.round(rows / secs),
        unit: 'people/s',
        note: `${rows} rows, senior-card (2 conditions), per-person calls (8 at once), sandbox +20 ms`,
      },
    ];
    if (hasProc)
      for (const k of ['main', 'terminal', 'registry'] as const) {
        const [a, b] = [c0[k], c1[k]];
        if (a !== undefined && b !== undefined)
          figures.push({
            name: `${name}.cpu_ms_per_row_${k}`,
            value: Math.round(((b - a) / rows) * 1e6) / 1e3,
            unit: 'ms',
          });
      }
    return figures;
  } finally {
    await f.close();
    await sb.stop();
  }
}

const perLine = (r: HostBatchRun, s: number) => Math.round((s / r.lines) * 1e6) / 1e3;

/** Per-line CPU figures of a host run: where the time went, whatever else the machine was doing. */
function cpuFigures(name: string, r: HostBatchRun): BenchResult[] {
  const what = {
    main: "the terminal's main thread (answers, rules, rows, commits)",
    terminal: 'the whole terminal process (main, signature threads, GC helpers)',
    registry: 'the sandbox registry process',
  } as const;
  const ms = (s: number) => perLine(r, s);
  // The whole process split by thread, so a change can be seen to move CPU or to save it.
  const split = `main ${ms(r.cpu.main)}, V8's helpers (GC, compilation) ${ms(r.threads.before)}, threads the run started (verification, rules) ${ms(r.threads.started)}`;
  return (Object.keys(what) as Array<keyof typeof what>).map((k) => ({
    name: `${name}.cpu_ms_per_row_${k}`,
    value: ms(r.cpu[k]),
    unit: 'ms',
    note: `CPU of ${what[k]} per line (built web host)${k === 'terminal' ? `; by thread, ms a line: ${split}` : ''}`,
  }));
}

async function school(): Promise<BenchResult[]> {
  let people = 0;
  const lines = 5000;
  const pace = machinePaceMs();
  const runs = await hostBatches(
    {
      // The second run checks the next 5,000 children: the same licenses again would be answered by
      // the verdict memo (4,096 a issuer) instead of checked, and the figure would not be the list's.
      list: (path, run) => {
        const n = writeSchoolList(path, lines, run * lines);
        if (run === 0) people = n;
      },
      lines,
      itemCode: 'school-enrolment',
      mapping: { name: 0, idNumber: 1, fatherIdNumber: 2, motherIdNumber: 3 },
      residents: SCHOOL_RESIDENTS,
      presign: getItem(loadCatalog(), 'school-enrolment').licenses.map((l) => l.type),
    },
    2,
  );
  const [r, warm] = [runs[0]!, runs[1]!];
  return [
    {
      name: 'batch.people_per_s',
      value: Math.round(r.lines / r.secs),
      unit: 'lines/s',
      note: `${r.lines} lines (applicants), school-enrolment (13 conditions: the child and both parents, ${people} people, ${Math.round(people / r.secs)} people/s; ${r.steadyRate ? `${Math.round(r.steadyRate)} lines/s after the first 10%` : 'no steady rate'}), built web host through the API, via ${r.via}, sandbox +20 ms; machine pace before the run: an SM2 check took ${pace.toFixed(3)} ms (pace.ts)`,
    },
    ...cpuFigures('batch.people_per_s', r),
    {
      name: 'batch.people_per_s_warm',
      value: Math.round(warm.lines / warm.secs),
      unit: 'lines/s',
      note: `a list like batch.people_per_s's, of the next ${warm.lines} children, right after it in the same host (a second job, a new batch number; other people, so the verdict memo cannot answer for their licenses): threads, heaps and compiled code as the first run left them; terminal CPU ${perLine(warm, warm.cpu.terminal)} ms a line: main thread ${perLine(warm, warm.cpu.main)}, threads alive before it (V8's helpers, and now the verification and rules threads, which the first run left) ${perLine(warm, warm.threads.before)}, started by it ${perLine(warm, warm.threads.started)}`,
    },
  ];
}

async function senior(name: string, lines: number): Promise<HostBatchRun> {
  return hostBatch({
    list: (path) => writeList(path, lines),
    lines,
    itemCode: 'senior-card',
    mapping: { name: 0, idNumber: 1 },
  });
}

const cpuNames = (n: string) => ['main', 'terminal', 'registry'].map((k) => `${n}.cpu_ms_per_row_${k}`);

export const groups: BenchGroup[] = [
  // The issue's figure: 13 conditions a row (school enrolment: a child and two parents per line).
  { names: ['batch.people_per_s', ...cpuNames('batch.people_per_s'), 'batch.people_per_s_warm'], run: school },
  {
    names: ['batch.people_per_s_senior', ...cpuNames('batch.people_per_s_senior')],
    async run() {
      const r = await senior('batch.people_per_s_senior', 20_000);
      return [
        {
          name: 'batch.people_per_s_senior',
          value: Math.round(r.lines / r.secs),
          unit: 'people/s',
          note: `${r.lines} rows, senior-card (2 conditions), built web host through the API, via ${r.via}, sandbox +20 ms`,
        },
        ...cpuFigures('batch.people_per_s_senior', r),
      ];
    },
  },
  {
    names: ['batch.rss_mb'],
    async run() {
      const r = await senior('batch.rss_mb', 100_000);
      return [
        {
          name: 'batch.rss_mb',
          value: r.peakRssMb,
          unit: 'MB',
          note: `peak RSS (VmHWM) of the built web host over ${r.lines} rows of senior-card through the API (${Math.round(r.lines / r.secs)} people/s, via ${r.via}); sandbox in its own process`,
        },
      ];
    },
  },
  {
    names: ['batch.people_per_s_single', ...cpuNames('batch.people_per_s_single')],
    run: () => single('batch.people_per_s_single', 1000),
  },
];
