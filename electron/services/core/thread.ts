import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread of the app's own code. The build has each thread as its own electron-vite entry
 * beside the entry bundles (`out/main/<built>`; the caller may sit in a shared chunk one folder
 * down, so both are looked at). From source (tests, the benchmarks) tsx compiles the thread's
 * TypeScript (`<sourceDir>/<source>`) inside the thread. `dir`: the caller's __dirname.
 */
export function startThread(dir: string, built: string, source: string, opts: WorkerOptions = {}): Worker {
  const file = [join(dir, built), join(dir, '..', built)].find((f) => existsSync(f));
  if (file) return new Worker(file, opts);
  return new Worker(
    `require(${JSON.stringify(createRequire(join(dir, 'x.js')).resolve('tsx/cjs'))});` +
      `require(${JSON.stringify(join(dir, source))});`,
    { ...opts, eval: true },
  );
}

/** What `holdWhileBusy` gives: one `add` for each piece of work sent, one `done` for each answered. */
export interface BusyHold {
  add(): void;
  done(): void;
}

/**
 * Keeps the process open while a thread has work out, and lets it end while the thread is idle. An
 * unref'd thread with an answer still due let a process end mid-run; a ref'd idle one kept a
 * process from ending. Call it after the thread's listeners are on: a 'message' listener refs the
 * thread again.
 */
export function holdWhileBusy(w: Worker): BusyHold {
  let out = 0;
  w.unref();
  return {
    add: () => {
      if (out++ === 0) w.ref();
    },
    done: () => {
      if (out > 0 && --out === 0) w.unref();
    },
  };
}
