import { readFileSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Catalog } from '../catalog';
import type { CatalogItem } from '../catalog/schema';
import type { HallKey } from '../certificates';
import type { RecordCipher } from '../crypto/cipher';
import type { LicenseService } from '../licenses';
import type { RegistryClient } from '../registry';
import type { UsageContext } from '../registry/types';
import { AppError } from '../errors';
import { batchRules } from './check-row';
import { BatchError } from './errors';
import { missingColumns, type ColumnMapping } from './mapping';
import { renderBatchSummaryPdf, type SummaryIssuer } from './report-pdf';
import { checkingItem, itemSnapshot, readingItem, type JobItem } from './job-item';
import { filterRows, type RowFilter } from './rows';
import { writeBatchXlsx } from './report-xlsx';
import { BatchRunner } from './runner';
import { countRows, createJob, getJob, getJobItem, getJobItemNames, setJobState, type BatchJob } from './store';
import type { BatchItemView, BatchJobView, BatchProgressView, BatchRowsView } from './view-types';
import type { UploadStore } from './uploads';

export interface BatchServiceDeps {
  db: Database.Database;
  cipher: RecordCipher;
  catalog: Catalog;
  /** Item codes a list may be checked against (resources/catalog/batch.json). */
  itemCodes: readonly string[];
  licenses: Pick<LicenseService, 'fetchForHolder'>;
  registry?: Pick<RegistryClient, 'batchLicenses'>;
  uploads: UploadStore;
  hallKey: HallKey;
  issuer: Omit<SummaryIssuer, 'clerk'>;
  organisation: string;
  onProgress: (p: BatchProgressView) => void;
  log: (line: string) => void;
  batchSize?: number;
  concurrency?: number;
  probeMs?: number;
  /** After a registry outage paused a job, how long until it resumes by itself (default 60 s). */
  autoResumeMs?: number;
}

/**
 * The jobs of this terminal and the runners of those going now. One runner per job; a job left
 * 'running' by a crash is 'paused' at start-up, and resuming it skips every row already recorded.
 */
export class BatchService {
  private readonly runners = new Map<
    string,
    { runner: BatchRunner; last?: BatchProgressView; via: 'batch' | 'single' }
  >();

  /** The last progress of each job run since start-up, with why a run stopped by itself. */
  private readonly last = new Map<string, BatchProgressView>();
  /** Jobs paused by a registry outage, waiting to resume by themselves. */
  private readonly retries = new Map<string, NodeJS.Timeout>();

  constructor(private readonly d: BatchServiceDeps) {
    d.db.prepare("UPDATE batch_jobs SET state = 'paused' WHERE state = 'running'").run();
  }

  /** Imported lists on their way in and while their job runs. */
  get uploads(): UploadStore {
    return this.d.uploads;
  }

  items(): BatchItemView[] {
    return this.d.itemCodes.map((code) => {
      const item = this.item(code);
      return {
        code,
        names: item.names,
        columns: [...item.listColumns],
        conditions: batchRules(item).map((r) => ({
          id: r.id,
          label: r.label ?? { zh: r.id, en: r.id },
          ...(r.kind === 'expr' && r.subject ? { subject: r.subject } : {}),
        })),
      };
    });
  }

  item(code: string): CatalogItem {
    const item = this.d.catalog.byCode.get(code);
    if (!item || !this.d.itemCodes.includes(code))
      throw new BatchError('BATCH_ITEM', `The item "${code}" cannot be checked in a batch.`, { item: code });
    return item;
  }

  /** A new job over an imported list, numbered 批次号 PL-<year>-<n>; it starts at once. */
  start(o: {
    source: string;
    itemCode: string;
    reason: string;
    mapping: ColumnMapping;
    clerkId: string;
  }): BatchJobView {
    const item = this.item(o.itemCode);
    // A list without the columns the item's rules read would check every row to "unknown".
    const missing = missingColumns(item.listColumns, o.mapping);
    if (missing.length)
      throw new BatchError(
        'BATCH_COLUMNS',
        `The item "${o.itemCode}" reads the list's ${missing.join(' and ')} column(s); map them before starting.`,
      );
    const year = new Date().getFullYear();
    const n =
      (this.d.db.prepare('SELECT count(*) FROM batch_jobs WHERE id LIKE ?').pluck().get(`PL-${year}-%`) as number) + 1;
    const id = `PL-${year}-${String(n).padStart(4, '0')}`;
    createJob(this.d.db, this.d.cipher, {
      id,
      itemCode: o.itemCode,
      reason: o.reason,
      clerkId: o.clerkId,
      source: o.source,
      mapping: o.mapping,
      // Its rows are read with these labels for good, whatever the catalog says later.
      item: itemSnapshot(item),
    });
    this.go(id, o.clerkId);
    return this.view(id);
  }

  /** Runs (or resumes) a job in the background; the answer comes through onProgress. */
  private go(id: string, clerkId: string): void {
    const job = getJob(this.d.db, this.d.cipher, id);
    // Still offered for batches (a withdrawn item's jobs stay paused), and checked as it started.
    const item = checkingItem(getJobItem(this.d.db, id), this.item(job.itemCode));
    const who: Pick<UsageContext, 'organisation' | 'clerk'> = { organisation: this.d.organisation, clerk: clerkId };
    const runner = new BatchRunner({
      db: this.d.db,
      cipher: this.d.cipher,
      licenses: this.d.licenses,
      ...(this.d.registry ? { batch: this.d.registry } : {}),
      item,
      codecItem: this.readingItem(job),
      who,
      batchSize: this.d.batchSize ?? 100,
      concurrency: this.d.concurrency ?? 8,
      ...(this.d.probeMs !== undefined ? { probeMs: this.d.probeMs } : {}),
    });
    const entry: { runner: BatchRunner; last?: BatchProgressView; via: 'batch' | 'single' } = {
      runner,
      via: this.d.registry ? 'batch' : 'single',
    };
    this.runners.set(id, entry);
    const emit = (
      state: BatchProgressView['state'],
      p?: Omit<BatchProgressView, 'state' | 'via' | 'jobId'>,
      error?: BatchProgressView['error'],
    ) => {
      const base = p ?? entry.last ?? { done: 0, total: job.total ?? 0, rate: 0 };
      entry.last = {
        jobId: id,
        state,
        via: entry.via,
        done: base.done,
        total: base.total,
        rate: base.rate,
        ...(base.etaS !== undefined ? { etaS: base.etaS } : {}),
        ...(base.counts ? { counts: { ...base.counts } } : {}),
        ...(error ? { error } : {}),
      };
      this.last.set(id, entry.last);
      this.d.onProgress(entry.last);
    };
    runner.on('progress', (p) => emit(getJob(this.d.db, this.d.cipher, id).state, p));
    runner.on('fallback', (why) => {
      entry.via = 'single';
      this.d.log(`batch ${id}: the registry's batch endpoint failed (${why}); per-person calls until it answers again`);
    });
    runner.on('restored', () => {
      entry.via = 'batch';
      this.d.log(`batch ${id}: the registry's batch endpoint answers again`);
    });
    void runner
      .run(id)
      .then((end) => {
        if (end === 'done' || end === 'cancelled') this.d.uploads.remove(job.source);
        emit(end);
      })
      .catch((e: unknown) => {
        this.d.log(`batch ${id} stopped: ${e instanceof Error ? e.message : String(e)}`);
        const app = e instanceof AppError ? e : undefined;
        emit('paused', undefined, {
          code: app?.code ?? 'INTERNAL',
          ...(app?.params ? { params: app.params as Record<string, string | number> } : {}),
        });
        // Paused by the registry's outage, not by a person: try again by itself after a while,
        // so a long list started in the evening is not left half done until someone looks.
        if (app?.code === 'BATCH_REGISTRY_DOWN') this.retryLater(id, clerkId);
      })
      .finally(() => {
        if (this.runners.get(id) === entry) this.runners.delete(id);
      });
  }

  private retryLater(id: string, clerkId: string): void {
    const timer = setTimeout(() => {
      this.retries.delete(id);
      if (this.runners.has(id) || getJob(this.d.db, this.d.cipher, id).state !== 'paused') return;
      this.d.log(`batch ${id}: resuming after the registry outage`);
      this.go(id, clerkId);
    }, this.d.autoResumeMs ?? 60_000);
    timer.unref();
    this.retries.set(id, timer);
  }

  private noRetry(id: string): void {
    clearTimeout(this.retries.get(id));
    this.retries.delete(id);
  }

  pause(id: string): BatchJobView {
    this.noRetry(id);
    const r = this.runners.get(id);
    if (!r) throw this.stateError(id);
    r.runner.stop();
    return this.view(id);
  }

  resume(id: string, clerkId: string): BatchJobView {
    this.noRetry(id);
    const job = getJob(this.d.db, this.d.cipher, id);
    if (this.runners.has(id)) return this.view(id);
    if (job.state !== 'paused' && job.state !== 'ready') throw this.stateError(id);
    this.go(id, clerkId);
    return this.view(id);
  }

  cancel(id: string): BatchJobView {
    this.noRetry(id);
    const r = this.runners.get(id);
    if (r) r.runner.cancel();
    else {
      const job = getJob(this.d.db, this.d.cipher, id);
      if (job.state === 'done' || job.state === 'cancelled') throw this.stateError(id);
      setJobState(this.d.db, id, 'cancelled');
      this.d.uploads.remove(job.source);
    }
    return this.view(id);
  }

  /** Resolves when the job's runner (if any) has finished: for shutdown and tests. */
  async settled(id: string): Promise<void> {
    while (this.runners.has(id)) await new Promise((r) => setTimeout(r, 20));
  }

  async close(): Promise<void> {
    for (const id of [...this.retries.keys()]) this.noRetry(id);
    for (const [id, r] of this.runners) {
      r.runner.stop();
      await this.settled(id);
    }
  }

  private stateError(id: string): BatchError {
    const state = getJob(this.d.db, this.d.cipher, id).state;
    return new BatchError('BATCH_STATE', `Batch ${id} is ${state}; that cannot be done now.`, { state });
  }

  job(id: string): BatchJob {
    return getJob(this.d.db, this.d.cipher, id);
  }

  /**
   * The item a job's rows are read with: the one it started with (migration 019), else (a job from
   * before 019) today's catalog item; an item since removed leaves the checks with their ids.
   */
  private readingItem(job: BatchJob, kept = getJobItem(this.d.db, job.id)): JobItem {
    return readingItem(kept, this.d.catalog.byCode.get(job.itemCode), job.itemCode);
  }

  /** A page of a job's rows through the screen's filters, labelled as the job started (readingItem). */
  rows(id: string, f: RowFilter): BatchRowsView {
    const job = getJob(this.d.db, this.d.cipher, id);
    return filterRows(this.d.db, this.d.cipher, id, this.readingItem(job), f);
  }

  view(id: string): BatchJobView {
    const job = getJob(this.d.db, this.d.cipher, id);
    const names = getJobItemNames(this.d.db, id) ?? this.d.catalog.byCode.get(job.itemCode)?.names;
    const last = this.runners.get(id)?.last ?? this.last.get(id);
    return {
      id: job.id,
      itemCode: job.itemCode,
      itemName: names ?? { zh: job.itemCode, en: job.itemCode },
      reason: job.reason,
      clerkId: job.clerkId,
      state: job.state,
      total: job.total,
      createdAt: job.createdAt,
      counts: countRows(this.d.db, id),
      ...(last ? { progress: last } : {}),
    };
  }

  list(): BatchJobView[] {
    const ids = this.d.db
      .prepare('SELECT id FROM batch_jobs ORDER BY created_at DESC LIMIT 50')
      .pluck()
      .all() as string[];
    return ids.map((id) => this.view(id));
  }

  async report(id: string, format: 'xlsx' | 'pdf', clerk: { id: string; name: string }, tmp: string): Promise<Buffer> {
    const job = getJob(this.d.db, this.d.cipher, id);
    // A job from before 019 still needs its item in the batch list, as before; a later one has its own.
    const kept = getJobItem(this.d.db, id);
    const item = kept ? this.readingItem(job, kept) : itemSnapshot(this.item(job.itemCode));
    if (format === 'pdf')
      return renderBatchSummaryPdf(this.d.db, this.d.cipher, id, item, { ...this.d.issuer, clerk }, this.d.hallKey);
    await writeBatchXlsx(this.d.db, this.d.cipher, id, item, tmp);
    try {
      return readFileSync(tmp);
    } finally {
      rmSync(tmp, { force: true });
    }
  }
}
