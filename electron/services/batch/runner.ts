import { EventEmitter } from 'node:events';
import { machineDay } from '../core/calendar';
import type Database from 'better-sqlite3';
import type { RecordCipher } from '../crypto/cipher';
import type { LicenseService } from '../licenses';
import type { UsageContext } from '../registry/types';
import { appendAuditMany, auditSubject, type AuditEntryInput } from '../audit';
import type { RegistryClient } from '../registry';
import { checkRow, rowHolders, rowKey, type BatchItem } from './check-row';
import { chunkOf, chunkRow, evaluateChunk, type ChunkRow } from './evaluate-chunk';
import { BatchError } from './errors';
import { readRow, type RowInput } from './mapping';
import type { CodecItem } from './row-codec';
import { RulesThread } from './rules-thread';
import { readList } from './source';
import { countRows, doneSeqs, getJob, rowWriter, setJobState, setJobTotal, type RowOutcome } from './store';

export interface BatchProgress {
  job: string;
  done: number;
  total: number;
  /** Rows per second over this run (rows skipped on resume not counted). */
  rate: number;
  /** Seconds left at that rate; undefined until a rate is known. */
  etaS?: number;
  /**
   * The job's rows so far by outcome, earlier runs' included: a supervisor sees a list going wrong
   * (many "could not check": the registry answers without licenses, or the list's columns are off)
   * before it ends.
   */
  counts: Record<RowOutcome, number>;
}

export interface RunnerDeps {
  db: Database.Database;
  cipher: RecordCipher;
  licenses: Pick<LicenseService, 'fetchForHolder'>;
  item: BatchItem;
  /**
   * The item the job's rows are read with (its snapshot, job-item.ts): a check's kind and label are
   * left out of a row only when they are this item's, so a rule reworded since the job started is
   * stored with the wording it was checked under. Default: `item`.
   */
  codecItem?: CodecItem;
  /** Who and where: the organisation and the clerk of every usage record. */
  who: Pick<UsageContext, 'organisation' | 'clerk'>;
  /** The registry's batch endpoint (RegistryClient.batchLicenses); without it, or when it fails, per-person calls. */
  batch?: Pick<RegistryClient, 'batchLicenses'>;
  /** Holders per batch call (the sandbox takes up to 100). */
  batchSize?: number;
  /** Lines per chunk on per-person calls (default 32). */
  singleChunk?: number;
  /** Calls (batch or per-person chunks) in flight at once; the registry client's own limiter caps sockets. */
  concurrency?: number;
  /**
   * After the batch endpoint fails, how long the run stays on per-person calls before it tries the
   * endpoint again with the next chunk (the probe); a probe that fails waits as long again.
   */
  probeMs?: number;
  /** How checked rows are grouped into commits (COMMIT_GROUP); `{ ms: 0, rows: 1 }` commits each call's rows at once. */
  commitGroup?: { ms: number; rows: number };
  /**
   * Batch answers' rules on a thread of their own (rules-thread.ts; default true). False: in this
   * thread, as per-person calls always are (they wait on the registry, not on the CPU).
   */
  rulesThread?: boolean;
  now?: () => Date;
}

/**
 * Lines per chunk while on per-person calls: a chunk commits as one transaction, and on a
 * synchronous=FULL database each commit is an fsync that holds the event loop (8 lines a chunk
 * measured 279 lines/s, 32 measured 302–306). A kill loses at most the chunks in flight, which
 * are checked again under the same request ids.
 */
const SINGLE_CHUNK = 32;

/**
 * Checked rows wait up to `ms` (or until `rows` are waiting) and then commit in one transaction,
 * whichever calls they came from: each commit is an fsync (~5 ms on the test machine,
 * synchronous=FULL) that holds the event loop, and one per call was ~0.13 ms a school line. A
 * kill loses at most those rows, which are checked again under the same keys.
 */
const COMMIT_GROUP = { ms: 100, rows: 200 };

interface Pending {
  seq: number;
  input: RowInput;
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const r of readList(path)) if (!('header' in r)) n++;
  return n;
}

/**
 * Runs one job over its list, streaming: at most `concurrency` rows are in flight and each is
 * committed on its own as soon as it is checked, so memory does not grow with the list and a
 * killed run resumes from the rows with no record. Every registry call carries the job's
 * reason, its item and the job id as the case number (the batch number).
 */
export class BatchRunner extends EventEmitter<{
  progress: [BatchProgress];
  /** The batch endpoint failed: per-person calls until a probe succeeds. */
  fallback: [reason: string];
  /** A probe of the batch endpoint succeeded: chunks go through it again. */
  restored: [];
}> {
  private paused = false;
  private cancelled = false;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(private readonly d: RunnerDeps) {
    super();
  }

  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
    this.wake?.();
  }
  /** Ends this run after the rows in flight, leaving the job paused: what a shutdown does. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }
  cancel(): void {
    this.cancelled = true;
    this.wake?.();
  }

  async run(jobId: string): Promise<'done' | 'paused' | 'cancelled'> {
    const { db, cipher } = this.d;
    const job = getJob(db, cipher, jobId);
    if (job.state === 'done' || job.state === 'cancelled')
      throw new BatchError('BATCH_STATE', `Batch ${jobId} is ${job.state}; start a new one.`, { state: job.state });
    // A list not yet counted is counted alongside the run, once its first calls are out, not before
    // them: counting reads the whole file (~80 ms for 5,000 CSV lines, seconds for a large XLSX)
    // while the first answers are awaited anyway. Until the count is in, progress has total 0
    // (the screen says the list is being counted) and no time left.
    let total = job.total ?? 0;
    setJobState(db, jobId, 'running');
    let counting: Promise<void> | undefined = job.total === null ? undefined : Promise.resolve();
    const startCounting = () => {
      if (counting) return;
      counting = countLines(job.source).then((n) => {
        total = n;
        setJobTotal(db, jobId, n);
      });
      // Its failure stops the run like any other (firstError, where it is awaited at the end).
      counting.catch(() => undefined);
    };
    const done = doneSeqs(db, jobId);
    const usage: UsageContext = {
      ...this.d.who,
      itemName: this.d.item.names.zh,
      itemCode: this.d.item.code,
      caseNumber: jobId,
      reason: job.reason,
    };
    const now = (this.d.now ?? (() => new Date()))();
    const today = machineDay(now);
    const seen = new Set<string>();
    const limit = this.d.concurrency ?? 8;
    const inflight = new Set<Promise<void>>();
    const started = Date.now();
    // The rows stored, and by outcome for the screen's tally; both grow only in counted().
    let count = done.size;
    const counts = countRows(db, jobId);
    let fresh = 0;
    const codec = this.d.codecItem ?? this.d.item;
    const putRow = rowWriter(db, cipher, jobId, codec);
    const rules =
      this.d.batch && this.d.rulesThread !== false
        ? new RulesThread({ item: this.d.item, codec, now: now.toISOString() })
        : undefined;
    try {
      // About 200 progress events a run; one a commit while the list is still being counted.
      const every = () => (total ? Math.max(1, Math.floor(total / 200)) : 1);
      const tick = () => {
        const rate = fresh / Math.max(0.001, (Date.now() - started) / 1000);
        this.emit('progress', {
          job: jobId,
          done: count,
          total,
          rate,
          ...(rate > 0 && total ? { etaS: (total - count) / rate } : {}),
          counts: { ...counts },
        });
      };
      const record = (p: Promise<void>) => {
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      };
      let firstError: unknown;
      // Per-person chunks are small (each line's people are fetched at once; the client's limiter
      // caps sockets), but more than one line, so they commit together.
      const size = this.d.batch ? (this.d.batchSize ?? 50) : (this.d.singleChunk ?? SINGLE_CHUNK);
      const types = this.d.item.licenses.map((l) => l.type);
      const pending: Pending[] = [];
      let pendingHolders = 0;
      const perRow =
        1 + (job.mapping.fatherIdNumber !== undefined ? 1 : 0) + (job.mapping.motherIdNumber !== undefined ? 1 : 0);
      // The batch endpoint: on while it answers; after a failure off until `retryAt`, when one chunk
      // (never two at once) probes it again. A failure mid-run is a bad minute, not the rest of the run.
      const probeMs = this.d.probeMs ?? 5_000;
      let batchOff = false;
      let retryAt = 0;
      let probing = false;
      // The row and the audit entry of its registry use commit together: one is never without the
      // other. A row returns its entry, and a group's entries are chained in one appendAuditMany.
      const write = (p: Pending, res: ChunkRow, via: 'batch' | 'single'): AuditEntryInput => {
        putRow({
          seq: p.seq,
          outcome: res.outcome,
          failedChecks: res.failedChecks,
          input: p.input,
          encodedChecks: res.checks,
        });
        return {
          action: 'batch-check',
          actor: job.clerkId,
          subject: auditSubject(cipher, p.input.idNumber),
          itemCode: this.d.item.code,
          caseId: jobId,
          purpose: job.reason,
          detail: { seq: p.seq, via, outcome: res.outcome },
        };
      };
      let tickAt = count + every();
      const counted = (rows: ReadonlyArray<{ outcome: RowOutcome }>) => {
        for (const r of rows) counts[r.outcome] += 1;
        count += rows.length;
        fresh += rows.length;
        if (count >= tickAt) {
          tickAt = count + every();
          tick();
        }
      };
      // Rows commit in groups (commitGroup, COMMIT_GROUP): a kill loses the rows not yet committed, which
      // the registry then sees again under the same keys or request ids, a replay that adds no usage
      // record. A failure to write stops the run like any other (firstError), never re-checks a row.
      // A bad-input line has no registry use, so no audit entry (undefined).
      type Unsaved = { outcome: RowOutcome; write: () => AuditEntryInput | undefined };
      const unsaved: Unsaved[] = [];
      let commitTimer: ReturnType<typeof setTimeout> | undefined;
      const commit = () => {
        if (commitTimer) clearTimeout(commitTimer);
        commitTimer = undefined;
        if (unsaved.length === 0) return;
        const rows = unsaved.splice(0);
        try {
          db.transaction(() => {
            const entries: AuditEntryInput[] = [];
            for (const w of rows) {
              const e = w.write();
              if (e) entries.push(e);
            }
            appendAuditMany(db, entries);
          })();
          counted(rows);
        } catch (e) {
          firstError ??= e;
        }
      };
      const group = this.d.commitGroup ?? COMMIT_GROUP;
      const save = (ws: Unsaved[]) => {
        if (ws.length === 0) return;
        unsaved.push(...ws);
        if (unsaved.length >= group.rows) commit();
        else commitTimer ??= setTimeout(commit, group.ms);
      };
      const saveAll = (rows: ReadonlyArray<readonly [Pending, ChunkRow]>, via: 'batch' | 'single') =>
        save(rows.map(([p, res]) => ({ outcome: res.outcome, write: () => write(p, res, via) })));
      /** One chunk: the batch endpoint while it answers; per-person calls while it is off. */
      const flush = async (rows: Pending[]): Promise<void> => {
        const probe = batchOff && !probing && Date.now() >= retryAt;
        if (this.d.batch && (!batchOff || probe)) {
          if (probe) probing = true;
          let got: Awaited<ReturnType<RegistryClient['batchLicenses']>> | undefined;
          try {
            // Each person has a key of their own (line, line+f, line+m): one usage record each, and a replay adds none.
            got = await this.d.batch.batchLicenses(
              rows.flatMap((p) =>
                rowHolders(p.input).map((h) => ({ holderCode: h.idNumber, key: rowKey(p.seq, h.role) })),
              ),
              usage,
              types,
            );
          } catch (e) {
            if (!batchOff) this.emit('fallback', e instanceof Error ? e.message : String(e));
            batchOff = true;
            retryAt = Date.now() + probeMs;
          } finally {
            if (probe) probing = false;
          }
          if (got) {
            if (probe) {
              batchOff = false;
              this.emit('restored');
            }
            // Outside the try: a failure to evaluate or save is not the endpoint's, and must not check the rows again.
            const req = chunkOf(rows, got, types);
            const checked = rules ? await rules.evaluate(req) : evaluateChunk(this.d.item, codec, req, now);
            saveAll(
              rows.map((p, i) => [p, checked[i]!] as const),
              'batch',
            );
            return;
          }
        }
        const settled = await Promise.allSettled(
          // The line names its request ids (a replay after a kill) and its row keys (the people the batch endpoint may have recorded).
          rows.map((p) => checkRow(this.d.licenses, this.d.item, p.input, usage, now, { job: jobId, seq: p.seq })),
        );
        const checked: Array<readonly [Pending, ChunkRow]> = [];
        let failure: unknown;
        settled.forEach((s, i) => {
          const p = rows[i]!;
          if (s.status === 'rejected') failure ??= s.reason;
          // A batch is not at the counter: nobody waits for this row, so rather than record
          // "could not check" for the registry's outage, leave it unchecked and pause the run.
          else if (s.value.unreachable)
            failure ??= new BatchError(
              'BATCH_REGISTRY_DOWN',
              `The registry did not answer for line ${p.seq}; the batch is paused. Resume it when the registry is back.`,
              { line: p.seq },
            );
          else checked.push([p, chunkRow(s.value, codec)]);
        });
        // The rows that were checked are kept even when another of the chunk was not.
        saveAll(checked, 'single');
        if (failure) throw failure;
      };

      for await (const r of readList(job.source)) {
        if ('header' in r) continue;
        // Every line goes through readRow, done or not, so duplicates are judged the same on resume.
        const row = readRow(r.cells, job.mapping, seen, today);
        if (done.has(r.line)) continue;
        while (this.paused && !this.cancelled && !this.stopping) await new Promise<void>((res) => (this.wake = res));
        if (this.cancelled || this.stopping || firstError) break;
        if (!row.ok) {
          const { problem, input } = row;
          save([
            {
              outcome: 'bad-input',
              write: () => void putRow({ seq: r.line, outcome: 'bad-input', problem, failedChecks: [], input }),
            },
          ]);
          continue;
        }
        pending.push({ seq: r.line, input: row.input });
        pendingHolders += rowHolders(row.input).length;
        // A chunk is `size` people (a child and the parents named count three), never more than a call takes.
        if (pendingHolders + perRow > size || pending.length >= size) {
          pendingHolders = 0;
          if (inflight.size >= limit) startCounting();
          while (inflight.size >= limit) await Promise.race(inflight);
          record(flush(pending.splice(0)).catch((e: unknown) => void (firstError ??= e)));
        }
      }
      if (pending.length > 0 && !firstError)
        record(flush(pending.splice(0)).catch((e: unknown) => void (firstError ??= e)));
      startCounting();
      await Promise.all(inflight);
      await counting!.catch((e: unknown) => void (firstError ??= e));
      // Before the job's state moves: whoever sees it paused or done sees this run ended too.
      await rules?.close();
      commit();
      tick();
      if (firstError) {
        setJobState(db, jobId, 'paused');
        throw firstError;
      }
      const end = this.cancelled ? 'cancelled' : count >= total ? 'done' : 'paused';
      setJobState(db, jobId, end);
      return end;
    } finally {
      // A run that stopped on an error: its chunks still with the thread are done here first.
      await rules?.close();
    }
  }
}
