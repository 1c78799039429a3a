import type { Worker } from 'node:worker_threads';
import { startThread } from '../core/thread';
import type { BatchItem } from './check-row';
import { evaluateChunk, type ChunkRequest, type ChunkRow } from './evaluate-chunk';
import type { CodecItem } from './row-codec';

export interface RulesThreadData {
  item: BatchItem;
  codec: CodecItem;
  /** The run's time (ISO): every line of a run is judged as of the same moment, in either thread. */
  now: string;
}
export interface RulesRequest {
  id: number;
  req: ChunkRequest;
}
export type RulesReply = { id: number; rows: ChunkRow[] } | { id: number; error: string };

/**
 * The heap of the thread: a chunk's licenses and the checks of its lines, short-lived. A small
 * young generation is scavenged often and cheaply; the batch run's memory bound (≤ 300 MB for
 * 100,000 lines) cannot afford V8's default tens of MB of garbage per thread.
 */
const LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

/**
 * The rules of a batch run on a thread of their own (rules-worker.ts): after an answer is verified,
 * the item's rules over its lines and each line's checks encoded, about a third of a school line's
 * main-thread time, which in the desktop app is Electron's main process. Chunks are answered in the
 * order sent. A thread that cannot start, fails or exits hands its work back to this thread, and
 * so does a chunk it could not evaluate: a line is never lost, only checked here instead.
 */
export class RulesThread {
  private worker: Worker | undefined;
  private readonly waiting = new Map<
    number,
    { req: ChunkRequest; done: (rows: ChunkRow[]) => void; fail: (e: unknown) => void }
  >();
  private next = 0;
  private readonly now: Date;

  constructor(private readonly d: RulesThreadData) {
    this.now = new Date(d.now);
    try {
      this.worker = this.spawn();
    } catch {
      this.worker = undefined;
    }
  }

  /** Whether the chunks go to a thread (false: evaluated in this one). */
  get threaded(): boolean {
    return this.worker !== undefined;
  }

  evaluate(req: ChunkRequest): Promise<ChunkRow[]> {
    if (!this.worker) return Promise.resolve().then(() => this.here(req));
    return new Promise((done, fail) => {
      const id = this.next++;
      this.waiting.set(id, { req, done, fail });
      this.worker!.postMessage({ id, req } satisfies RulesRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.failOver();
    if (w) await w.terminate();
  }

  private here(req: ChunkRequest): ChunkRow[] {
    return evaluateChunk(this.d.item, this.d.codec, req, this.now);
  }

  private spawn(): Worker {
    const w = startThread(__dirname, 'batch-rules-worker.js', 'rules-worker.ts', {
      workerData: this.d,
      resourceLimits: LIMITS,
    });
    w.unref();
    w.on('message', (r: RulesReply) => {
      const got = this.waiting.get(r.id);
      if (!got) return;
      this.waiting.delete(r.id);
      if ('rows' in r) got.done(r.rows);
      else this.settleHere(got);
    });
    const lost = () => {
      this.worker = undefined;
      this.failOver();
    };
    w.on('error', lost);
    w.on('exit', lost);
    return w;
  }

  /** A chunk the thread could not do is done here; an error here is the run's, as without a thread. */
  private settleHere(p: { req: ChunkRequest; done: (rows: ChunkRow[]) => void; fail: (e: unknown) => void }): void {
    try {
      p.done(this.here(p.req));
    } catch (e) {
      p.fail(e);
    }
  }

  private failOver(): void {
    const open = [...this.waiting.values()];
    this.waiting.clear();
    for (const p of open) this.settleHere(p);
  }
}
