import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { sm2Key, sm2VerifyDigest, type Sm2Key } from '../../../protocol/sm2-verify';
import { holdWhileBusy, startThread, type BusyHold } from '../core/thread';

/** One verification: the issuer's public key (hex), the digest e = SM3(Z ‖ text), the signature. */
export interface PoolItem {
  key: string;
  e: Uint8Array;
  sig: string;
}
export interface PoolRequest {
  id: number;
  items: PoolItem[];
}
export interface PoolReply {
  id: number;
  results: boolean[];
}

/**
 * One check, in whichever thread runs it (a pool thread, or this one when the pool has none).
 * Each issuer key's table is built once per thread and kept.
 */
const localKeys = new Map<string, Sm2Key | null>();
export function verifyItem(item: PoolItem): boolean {
  let k = localKeys.get(item.key);
  if (k === undefined) {
    try {
      k = sm2Key(item.key);
    } catch {
      k = null;
    }
    localKeys.set(item.key, k);
  }
  try {
    return k !== null && sm2VerifyDigest(k, item.e, item.sig);
  } catch {
    return false;
  }
}

/**
 * A thread's heap: the tables (~270 KB a key in WebAssembly, ~1 MB on the noble fallback) and short-lived big integers. A small young
 * generation is scavenged often and cheaply; V8's default would let each thread hold tens of MB
 * of garbage, which a batch run's memory bound cannot afford.
 */
const LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 96 };

interface Pending {
  items: PoolItem[];
  done: (results: boolean[]) => void;
}

/**
 * SM2 checks on worker threads, for the batch checks: a line of a school-enrolment list brings
 * 2–4 signed licenses, and the curve arithmetic (~0.07 ms each in WebAssembly, ~0.5 ms on the BigInt
 * fallback; Electron's BoringSSL has no SM2) would otherwise hold the main thread that also parses answers, applies
 * the rules and writes the rows. Requests made in one turn of the event loop go to a thread as
 * one message. A thread that fails or exits hands its work back to this thread: a verdict is
 * never lost, only slower. The counter's single fetch verifies in-thread (one license, no hop).
 */
export class Sm2Pool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { worker: Worker; p: Pending }>();
  private readonly holds = new Map<Worker, BusyHold>();
  private queue: Pending[] = [];
  private scheduled = false;
  private next = 0;
  private turn = 0;
  private broken = false;

  constructor(size = Sm2Pool.defaultSize()) {
    for (let i = 0; i < size; i++) {
      try {
        this.workers.push(this.spawn());
      } catch {
        this.broken = true;
        break;
      }
    }
  }

  /** One thread per core beyond the main one, at most 4: on 2 cores, one. */
  static defaultSize(): number {
    return Math.max(0, Math.min(4, availableParallelism() - 1));
  }

  get threads(): number {
    return this.broken ? 0 : this.workers.length;
  }

  verify(items: PoolItem[]): Promise<boolean[]> {
    if (items.length === 0) return Promise.resolve([]);
    if (this.threads === 0) return Promise.resolve(items.map(verifyItem));
    return new Promise((done) => {
      this.queue.push({ items, done });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  async close(): Promise<void> {
    this.broken = true;
    this.failOver();
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    if (this.threads === 0) {
      for (const p of batch) p.done(p.items.map(verifyItem));
      return;
    }
    // Split the turn's work over the threads, whole requests each, in turn.
    const per = Math.ceil(batch.length / this.workers.length);
    for (let i = 0; i < batch.length; i += per) {
      const group = batch.slice(i, i + per);
      const worker = this.workers[this.turn++ % this.workers.length]!;
      const id = this.next++;
      const items = group.flatMap((p) => p.items);
      this.waiting.set(id, {
        worker,
        p: {
          items,
          done: (results) => {
            let at = 0;
            for (const g of group) g.done(results.slice(at, (at += g.items.length)));
          },
        },
      });
      this.holds.get(worker)?.add();
      worker.postMessage({ id, items } satisfies PoolRequest);
    }
  }

  private spawn(): Worker {
    const w = startThread(__dirname, 'sm2-worker.js', 'sm2-worker.ts', { resourceLimits: LIMITS });
    w.on('message', (r: PoolReply) => {
      const got = this.waiting.get(r.id);
      if (!got) return;
      this.waiting.delete(r.id);
      this.holds.get(w)?.done();
      got.p.done(r.results);
    });
    const lost = () => {
      this.broken = true;
      this.failOver();
    };
    w.on('error', lost);
    w.on('exit', lost);
    // Idle, the threads let the process end; with checks out, they hold it.
    this.holds.set(w, holdWhileBusy(w));
    return w;
  }

  /** Everything sent to a thread and not answered is verified here instead. */
  private failOver(): void {
    const open = [...this.waiting.values()];
    this.waiting.clear();
    for (const { p } of open) p.done(p.items.map(verifyItem));
    const queued = this.queue;
    this.queue = [];
    for (const p of queued) p.done(p.items.map(verifyItem));
  }
}
