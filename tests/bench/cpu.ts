import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds from Linux's /proc, so a figure can say where a run's time went independently of
 * what else the machine was doing: one thread of this process, a whole process, or a process
 * with its children (the sandbox runs under tsx's CLI, which spawns the real node). Undefined
 * where there is no /proc.
 */
const ticks = (statPath: string): number | undefined => {
  try {
    // Fields after "(comm) ": state is 0, so utime and stime (14th and 15th of the line) are 11 and 12.
    const f = readFileSync(statPath, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
};

export const hasProc = existsSync('/proc/self/stat');

/** This process's main thread. */
export const mainThreadCpu = () => ticks(`/proc/self/task/${process.pid}/stat`);

/** Every thread of this process (the main thread, the verification pool, V8's helpers). */
export const processCpu = () => ticks('/proc/self/stat');

/** Another process's main thread (its thread id is its pid). */
export const pidMainThreadCpu = (pid: number) => ticks(`/proc/${pid}/task/${pid}/stat`);

/** Every thread of another process. */
export const pidCpu = (pid: number) => ticks(`/proc/${pid}/stat`);

/** A process and its descendants, as they are now. */
export function treeCpu(pid: number): number | undefined {
  const own = ticks(`/proc/${pid}/stat`);
  if (own === undefined) return undefined;
  let sum = own;
  for (const t of safeList(`/proc/${pid}/task`)) {
    const kids = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim();
    for (const k of kids ? kids.split(' ') : []) sum += treeCpu(Number(k)) ?? 0;
  }
  return sum;
}

const safeList = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/**
 * Another process's CPU seconds per thread (by thread id), over the threads alive now. Node names
 * every thread but the main one "node", so a run tells them apart by when they started: those
 * alive before it (V8's helpers: concurrent GC and compilation) and those it started (the
 * verification threads, the rules thread).
 */
export function pidThreadCpu(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of safeList(`/proc/${pid}/task`)) {
    const s = ticks(`/proc/${pid}/task/${t}/stat`);
    if (s !== undefined) out.set(Number(t), s);
  }
  return out;
}
