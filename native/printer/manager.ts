import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { PrintError } from './errors';
import { errorInfo, type PrintJobEvent } from './job-events';
import { readPdf } from './pdf';
import { classifyJob } from './reasons';
import type { PrintDocument, PrinterBackend, SubmitRequest } from './types';

export interface PrintManagerOptions {
  /** Completion poll interval while the job is young. */
  pollMs?: number;
  /** Poll interval once a job has waited longer than slowAfterMs (e.g. blocked on paper). */
  slowPollMs?: number;
  slowAfterMs?: number;
  /** How long a transient signal (connecting-to-device, "not responding") must last to be reported. */
  transientGraceMs?: number;
  /** Stop polling a job that never finishes after this long. */
  maxTrackMs?: number;
  /** Finished jobs kept in memory (with their PDF, for retry). */
  keepJobs?: number;
}

export interface PrintHandle {
  id: string;
  printer: string;
  spoolJobId: string;
  attempt: number;
  /** ms from print()/retry() call to the spooler accepting the job. */
  acceptMs: number;
}

interface JobRecord {
  id: string;
  doc: PrintDocument & { pdf: Uint8Array };
  printer: string;
  attempt: number;
  spoolJobId: string | null;
  last: PrintJobEvent | null;
  startedAt: number;
  timer: NodeJS.Timeout | null;
  transientSince: number | null;
  /** Bumped per attempt so a late poll of an old attempt cannot overwrite the new one. */
  generation: number;
}

type Events = { job: [PrintJobEvent] };

/**
 * Submits jobs through one backend and tracks each to completed or an actionable error,
 * emitting `job` events. Holds each job's PDF so retry/redirect can resubmit it anywhere.
 */
export class PrintManager extends EventEmitter<Events> {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly o: Required<PrintManagerOptions>;
  private disposed = false;

  constructor(
    readonly backend: PrinterBackend,
    opts: PrintManagerOptions = {},
  ) {
    super();
    this.o = {
      pollMs: 150,
      slowPollMs: 1000,
      slowAfterMs: 30_000,
      transientGraceMs: 1500,
      maxTrackMs: 2 * 3600_000,
      keepJobs: 50,
      ...opts,
    };
  }

  /** Resolves once the spooler accepted the job; rejects with PrintError (err.jobId set if retryable). */
  async print(req: SubmitRequest): Promise<PrintHandle> {
    const pdf = await readPdf(req.pdf);
    const rec: JobRecord = {
      id: randomUUID(),
      doc: { ...req, pdf },
      printer: req.printer,
      attempt: 0,
      spoolJobId: null,
      last: null,
      startedAt: Date.now(),
      timer: null,
      transientSince: null,
      generation: 0,
    };
    this.jobs.set(rec.id, rec);
    this.prune();
    return this.submit(rec, req.printer);
  }

  /**
   * Tracks a job this terminal submitted before a restart and the spooler still holds: events
   * resume for it, and retry() cancels it before resubmitting, so the certificate never prints
   * twice. `req` is the same document, rendered again, kept for that retry.
   */
  async adopt(req: SubmitRequest, spoolJobId: string): Promise<PrintHandle> {
    const pdf = await readPdf(req.pdf);
    const rec: JobRecord = {
      id: randomUUID(),
      doc: { ...req, pdf },
      printer: req.printer,
      attempt: 1,
      spoolJobId,
      last: null,
      startedAt: Date.now(),
      timer: null,
      transientSince: null,
      generation: 1,
    };
    this.jobs.set(rec.id, rec);
    this.prune();
    this.emitChange(rec, { status: 'queued' }, true);
    void this.poll(rec, rec.generation);
    return { id: rec.id, printer: rec.printer, spoolJobId, attempt: 1, acceptMs: 0 };
  }

  /** Submits the job again, to the same printer or to `printer`; the old attempt is cancelled first. */
  async retry(id: string, opts: { printer?: string } = {}): Promise<PrintHandle> {
    const rec = this.record(id);
    this.stopTimer(rec);
    const old = rec.spoolJobId;
    if (old && rec.last?.status !== 'completed' && rec.last?.status !== 'canceled') {
      // Best effort: if the old attempt cannot be cancelled (spooler down) we still resubmit,
      // because the clerk asked for a print now; the error says so if it fails.
      await this.backend.cancel(rec.printer, old).catch(() => undefined);
    }
    return this.submit(rec, opts.printer ?? rec.printer);
  }

  redirect(id: string, printer: string): Promise<PrintHandle> {
    return this.retry(id, { printer });
  }

  async cancel(id: string): Promise<void> {
    const rec = this.record(id);
    this.stopTimer(rec);
    rec.generation++;
    if (rec.spoolJobId) await this.backend.cancel(rec.printer, rec.spoolJobId);
    this.emitChange(rec, { status: 'canceled' }, true);
  }

  get(id: string): PrintJobEvent | undefined {
    return this.jobs.get(id)?.last ?? undefined;
  }

  list(): PrintJobEvent[] {
    return [...this.jobs.values()].map((r) => r.last).filter((e): e is PrintJobEvent => e !== null);
  }

  /** Resolves with the first event of job `id` that is completed, canceled or an error matching `until`. */
  waitFor(id: string, until: (e: PrintJobEvent) => boolean = isFinal, timeoutMs = 30_000): Promise<PrintJobEvent> {
    return new Promise((resolve, reject) => {
      const check = (e: PrintJobEvent) => {
        if (e.id !== id || !until(e)) return;
        clearTimeout(t);
        this.off('job', check);
        resolve(e);
      };
      const t = setTimeout(() => {
        this.off('job', check);
        reject(
          new Error(
            `print job ${id} did not reach the expected state within ${timeoutMs} ms (last: ${this.get(id)?.status ?? 'none'})`,
          ),
        );
      }, timeoutMs);
      this.on('job', check);
      const cur = this.get(id);
      if (cur) check(cur);
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const r of this.jobs.values()) this.stopTimer(r);
    this.removeAllListeners();
  }

  private async submit(rec: JobRecord, printer: string): Promise<PrintHandle> {
    const t0 = performance.now();
    rec.generation++;
    rec.attempt++;
    rec.printer = printer;
    rec.spoolJobId = null;
    rec.transientSince = null;
    rec.startedAt = Date.now();
    try {
      const { jobId } = await this.backend.submit({ ...rec.doc, printer });
      const acceptMs = performance.now() - t0;
      rec.spoolJobId = jobId;
      this.emitChange(rec, { status: 'queued' }, true);
      this.schedule(rec, rec.generation);
      return { id: rec.id, printer, spoolJobId: jobId, attempt: rec.attempt, acceptMs };
    } catch (e) {
      const err =
        e instanceof PrintError
          ? e
          : new PrintError('UNKNOWN', { detail: String((e as Error)?.message ?? e), cause: e });
      err.jobId = rec.id;
      this.emitChange(rec, { status: 'error', error: errorInfo(err.code, err.reasons, true, err.detail) }, true);
      throw err;
    }
  }

  private schedule(rec: JobRecord, gen: number): void {
    if (this.disposed) return;
    const age = Date.now() - rec.startedAt;
    if (age > this.o.maxTrackMs) return;
    const delay = age > this.o.slowAfterMs ? this.o.slowPollMs : this.o.pollMs;
    rec.timer = setTimeout(() => void this.poll(rec, gen), delay);
    rec.timer.unref?.();
  }

  private async poll(rec: JobRecord, gen: number): Promise<void> {
    rec.timer = null;
    if (gen !== rec.generation || !rec.spoolJobId) return;
    let done = false;
    try {
      const snap = await this.backend.getJob(rec.printer, rec.spoolJobId);
      if (gen !== rec.generation) return;
      done = this.apply(rec, snap);
    } catch (e) {
      if (gen !== rec.generation) return;
      const err =
        e instanceof PrintError ? e : new PrintError('UNKNOWN', { detail: String((e as Error)?.message ?? e) });
      done = err.code === 'JOB_NOT_FOUND';
      this.emitChange(rec, { status: 'error', error: errorInfo(err.code, err.reasons, done, err.detail) });
    }
    if (!done) this.schedule(rec, gen);
  }

  /** Returns true when the job reached a final state. */
  private apply(rec: JobRecord, snap: Parameters<typeof classifyJob>[0]): boolean {
    if (snap.state === 'completed') {
      this.emitChange(rec, { status: 'completed' });
      return true;
    }
    const problem = classifyJob(snap);
    if (problem?.terminal) {
      this.emitChange(
        rec,
        problem.code === 'JOB_CANCELED'
          ? { status: 'canceled' }
          : { status: 'error', error: errorInfo(problem.code, problem.reasons, true, problem.detail) },
      );
      return true;
    }
    if (problem && problem.transient) {
      rec.transientSince ??= Date.now();
      if (Date.now() - rec.transientSince < this.o.transientGraceMs) return false;
    } else rec.transientSince = null;
    if (problem)
      this.emitChange(rec, { status: 'error', error: errorInfo(problem.code, problem.reasons, false, problem.detail) });
    else this.emitChange(rec, { status: snap.state === 'processing' ? 'processing' : 'queued' });
    return false;
  }

  private emitChange(rec: JobRecord, change: Pick<PrintJobEvent, 'status' | 'error'>, force = false): void {
    const last = rec.last;
    if (
      !force &&
      last &&
      last.status === change.status &&
      last.error?.code === change.error?.code &&
      last.spoolJobId === rec.spoolJobId
    )
      return;
    const ev: PrintJobEvent = {
      id: rec.id,
      title: rec.doc.title,
      attempt: rec.attempt,
      printer: rec.printer,
      spoolJobId: rec.spoolJobId,
      status: change.status,
      at: Date.now(),
      ...(change.error ? { error: change.error } : {}),
    };
    rec.last = ev;
    this.emit('job', ev);
  }

  private record(id: string): JobRecord {
    const rec = this.jobs.get(id);
    if (!rec) throw new PrintError('JOB_NOT_FOUND', { detail: `no print job ${id} in this session` });
    return rec;
  }

  private stopTimer(rec: JobRecord): void {
    if (rec.timer) clearTimeout(rec.timer);
    rec.timer = null;
  }

  private prune(): void {
    if (this.jobs.size <= this.o.keepJobs) return;
    for (const [id, r] of this.jobs) {
      if (this.jobs.size <= this.o.keepJobs) break;
      if (r.timer === null && r.last && isFinal(r.last)) this.jobs.delete(id);
    }
  }
}

export function isFinal(e: PrintJobEvent): boolean {
  return e.status === 'completed' || e.status === 'canceled' || (e.status === 'error' && e.error?.terminal === true);
}
