import type { Worker } from 'node:worker_threads';
import { holdWhileBusy, startThread, type BusyHold } from '../core/thread';
import type { BatchItem } from './check-row';
import { evaluateChunk, type ChunkRequest, type ChunkRow } from './evaluate-chunk';
import type { CodecItem } from './row-codec';

export interface RulesThreadData {
  item: BatchItem;
  codec: CodecItem;
  /** The run's time (ISO): every line of a run is judged as of the same moment, in either thread. */
  now: string;
}
/** To the thread: a run opens with its item and time, sends its chunks, and closes. */
export type RulesMessage =
  | { kind: 'open'; run: number; data: RulesThreadData }
  | { kind: 'chunk'; run: number; id: number; req: ChunkRequest }
  | { kind: 'close'; run: number };
export type RulesReply = { id: number; rows: ChunkRow[] } | { id: number; error: string };

/**
 * The heap of the thread: a chunk's licenses and the checks of its lines, short-lived. A small
 * young generation is scavenged often and cheaply; the batch run's memory bound (≤ 300 MB for
 * 100,000 lines) cannot afford V8's default tens of MB of garbage per thread.
 */
const LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

/**
 * How long the thread outlives its last run. A station often checks several lists in a row; a new
 * thread for each paid its start and V8's compiling of the rules again, ~0.1 ms of CPU a school
 * line (a second run in the same host, alternating builds: 0.80–0.95 ms of terminal CPU a line on
 * the kept thread, 0.91–1.09 on a new one). Idle, the thread holds ~10–20 MB, given back after this.
 */
export const RULES_IDLE_MS = 5 * 60_000;

interface Waiting {
  run: number;
  here: () => ChunkRow[];
  done: (rows: ChunkRow[]) => void;
  fail: (e: unknown) => void;
}

/**
 * The one rules thread of the process (rules-worker.ts), shared by the runs in turn and by runs
 * at once, each with its own item and time. It starts with the first run and ends `idleMs` after
 * the last. A thread that fails or exits hands the chunks it held back to their runs, which go on
 * in the main thread; the next run starts a new one.
 */
export class RulesHost {
  private worker: Worker | undefined;
  private hold: BusyHold | undefined;
  /** Bumped with each thread started: a run stays with the thread it opened on. */
  private generation = 0;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private nextRun = 0;
  private readonly runs = new Set<number>();
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly idleMs = RULES_IDLE_MS) {}

  /**
   * Opens a run on the thread, starting one if none is alive: the run's number, and the thread's
   * generation (undefined when no thread could start: the run checks in the main thread).
   */
  open(data: RulesThreadData): { run: number; generation: number | undefined } {
    const run = this.nextRun++;
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    if (!this.worker) {
      try {
        this.worker = this.spawn();
      } catch {
        return { run, generation: undefined };
      }
    }
    this.runs.add(run);
    this.post({ kind: 'open', run, data });
    return { run, generation: this.generation };
  }

  /** Whether the thread a run opened on is still the one alive. */
  alive(generation: number | undefined): boolean {
    return generation !== undefined && generation === this.generation && this.worker !== undefined;
  }

  send(run: number, req: ChunkRequest, w: Omit<Waiting, 'run'>): void {
    const id = this.nextId++;
    this.waiting.set(id, { run, ...w });
    this.hold!.add();
    this.post({ kind: 'chunk', run, id, req });
  }

  /**
   * The run is over. Chunks of it the thread still holds (a run that stopped on an error) are done
   * here now, so none answers after its run ended; the thread's late replies are dropped.
   */
  close(run: number): void {
    for (const [id, p] of this.waiting)
      if (p.run === run) {
        this.waiting.delete(id);
        this.hold?.done();
        settleHere(p);
      }
    if (!this.runs.delete(run)) return;
    if (this.worker) this.post({ kind: 'close', run });
    if (this.runs.size > 0 || !this.worker) return;
    this.idle = setTimeout(() => this.stop(), this.idleMs);
    this.idle.unref?.();
  }

  /** Ends the thread now (the idle timer, and tests); chunks it still held are done in their runs' thread. */
  async stop(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    const w = this.worker;
    this.lost(w);
    if (w) await w.terminate();
  }

  /** The live thread's id (tests: that a second run is on the same thread). */
  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  private post(m: RulesMessage): void {
    this.worker!.postMessage(m);
  }

  private spawn(): Worker {
    const w = startThread(__dirname, 'batch-rules-worker.js', 'rules-worker.ts', { resourceLimits: LIMITS });
    this.generation += 1;
    w.on('message', (r: RulesReply) => {
      const got = this.waiting.get(r.id);
      if (!got) return;
      this.waiting.delete(r.id);
      hold.done();
      if ('rows' in r) got.done(r.rows);
      else settleHere(got);
    });
    w.on('error', () => this.lost(w));
    w.on('exit', () => this.lost(w));
    // An idle thread must not keep a process from ending (it kept the crash test's batch child
    // for its idle time), and one with chunks out must.
    const hold = holdWhileBusy(w);
    this.hold = hold;
    return w;
  }

  /** The thread is gone: what it held is done where it was sent from. An old thread's exit changes nothing. */
  private lost(w: Worker | undefined): void {
    if (!w || w !== this.worker) return;
    this.worker = undefined;
    this.runs.clear();
    const open = [...this.waiting.values()];
    this.waiting.clear();
    for (const p of open) settleHere(p);
  }
}

/** A chunk the thread could not do is done here; an error here is the run's, as without a thread. */
function settleHere(p: Waiting): void {
  try {
    p.done(p.here());
  } catch (e) {
    p.fail(e);
  }
}

/** The process's rules thread; tests give a run a host of their own. */
export const sharedRulesHost = new RulesHost();

/**
 * One run's rules off the main thread: after an answer is verified, the item's rules over its
 * lines and each line's checks encoded, about a third of a school line's main-thread time, which
 * in the desktop app is Electron's main process. Chunks are answered in the order sent. When the
 * thread cannot start, fails or exits, the run's chunks are done in this thread instead, and so is
 * a chunk the thread could not evaluate: a line is never lost, only checked here instead.
 */
export class RulesThread {
  private readonly now: Date;
  private readonly run: number;
  private readonly generation: number | undefined;

  constructor(
    private readonly d: RulesThreadData,
    private readonly host: RulesHost = sharedRulesHost,
  ) {
    this.now = new Date(d.now);
    ({ run: this.run, generation: this.generation } = host.open(d));
  }

  /** Whether the chunks go to a thread (false: evaluated in this one). */
  get threaded(): boolean {
    return this.host.alive(this.generation);
  }

  evaluate(req: ChunkRequest): Promise<ChunkRow[]> {
    if (!this.threaded) return Promise.resolve().then(() => this.here(req));
    return new Promise((done, fail) => this.host.send(this.run, req, { here: () => this.here(req), done, fail }));
  }

  /** The run is over: the thread forgets its item, and ends a while after the last run. */
  close(): Promise<void> {
    this.host.close(this.run);
    return Promise.resolve();
  }

  private here(req: ChunkRequest): ChunkRow[] {
    return evaluateChunk(this.d.item, this.d.codec, req, this.now);
  }
}
