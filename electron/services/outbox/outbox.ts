import type { Db } from '../db/open';
import { DELIVERY_BACKOFF, retryDelay, type BackoffPolicy } from './backoff';
import { DeliveryError, OutboxError } from './errors';
import * as store from './store';
import type { OutboxCipher, OutboxDelivery, OutboxMessageInput, OutboxRow, Receiver, RemoteStatus } from './types';

export interface OutboxOptions {
  db: Db;
  cipher: OutboxCipher;
  /** Receiver per family (the part of `receiver` before ':'): department, rating, hall… */
  receivers?: Record<string, Receiver>;
  backoff?: BackoffPolicy;
  /** First poll this long after delivery, then backing off to pollMaxMs while undecided. */
  pollMs?: number;
  pollMaxMs?: number;
  /** Messages sent at once (over all receivers). */
  concurrency?: number;
  random?: () => number;
  now?: () => number;
  log?: (line: string) => void;
  /** Called after every change a view would show (delivered, retried, decided…). */
  onChange?: (row: OutboxRow) => void;
}

const familyOf = (receiver: string) => receiver.slice(0, receiver.indexOf(':'));

/**
 * Delivers what callers enqueued, at least once per attempt and exactly once as the receiver sees
 * it (the key), and polls kinds with a decision until it is final. All state is in SQLite: a kill
 * at any point leaves each message pending (sent again, deduped by the receiver) or delivered.
 * One Outbox per database; it keeps in memory only which messages are in flight right now.
 */
export class Outbox {
  private readonly receivers = new Map<string, Receiver>();
  private readonly inFlight = new Set<number>();
  private readonly polling = new Set<number>();
  /** Ordered receivers with a message on the wire, so one never has two. */
  private readonly busy = new Set<string>();
  /**
   * Ordered receivers whose last run was refused → the last seq of that run: up to there messages
   * go one by one, so the bad one is found and refused alone; after it, runs again.
   */
  private readonly single = new Map<string, number>();
  /** Messages whose outcome could not be recorded, held back until then (ms). */
  private readonly holdUntil = new Map<number, number>();
  private readonly work = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private kickQueued = false;
  private running = false;
  private readonly o: Required<
    Pick<OutboxOptions, 'backoff' | 'pollMs' | 'pollMaxMs' | 'concurrency' | 'random' | 'now' | 'log'>
  > &
    OutboxOptions;

  constructor(opts: OutboxOptions) {
    this.o = {
      backoff: DELIVERY_BACKOFF,
      pollMs: 2000,
      pollMaxMs: 10 * 60_000,
      concurrency: 4,
      random: Math.random,
      now: Date.now,
      log: () => undefined,
      ...opts,
    };
    for (const [family, r] of Object.entries(opts.receivers ?? {})) this.receivers.set(family, r);
  }

  /** Adds a receiver family (a later issue's 好差评 platform or hall server registers its own). */
  register(family: string, receiver: Receiver): void {
    this.receivers.set(family, receiver);
    store.dueNowForFamily(this.o.db, family, this.o.now());
    this.kick();
  }

  /** The receiver answers again (seen by another call): its put-off messages go now, not after the backoff. */
  retryNow(receiver: string): void {
    if (store.dueNowForReceiver(this.o.db, receiver, this.o.now())) this.kick();
  }

  /**
   * In the caller's transaction when called inside one (pass the same db). Delivery starts after
   * commit: kick() runs on the next tick, when a committed row is visible and a rolled-back one is gone.
   */
  enqueue(db: Db, m: OutboxMessageInput): { id: number; created: boolean } {
    const r = store.enqueue(db, this.o.cipher, m, this.o.now());
    // One kick for a whole burst: a transaction enqueueing thousands (a day's events) must not
    // queue thousands of queue scans behind it.
    if (!this.kickQueued) {
      this.kickQueued = true;
      setImmediate(() => {
        this.kickQueued = false;
        this.kick();
      });
    }
    return r;
  }

  start(): void {
    this.running = true;
    this.kick();
  }

  /** Stops taking new work and waits for what is on the wire (its outcome is recorded). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.work]);
  }

  /**
   * Fills the free delivery and poll slots with what is due; each finished one calls this again,
   * so a slow message never holds up the others. Sleeps until the next due time otherwise.
   */
  kick(): void {
    if (!this.running) return;
    try {
      this.fill();
    } catch (err) {
      // A locked or failing database must not take the terminal down from a timer callback:
      // log it and look again shortly; everything owed is still in the table.
      this.o.log(
        `outbox: could not read the queue (${err instanceof Error ? err.message : String(err)}); retrying in 5 s`,
      );
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.kick(), 5000);
      this.timer.unref?.();
    }
  }

  private fill(): void {
    const now = this.o.now();
    const free = this.o.concurrency - this.inFlight.size;
    const launched: Promise<void>[] = [];
    if (free > 0) {
      for (const [id, until] of this.holdUntil) if (until <= now) this.holdUntil.delete(id);
      for (const r of store.dueForDelivery(
        this.o.db,
        now,
        free,
        [...this.inFlight, ...this.holdUntil.keys()],
        this.ordered(),
      )) {
        if (this.busy.has(r.receiver)) continue;
        this.inFlight.add(r.id);
        const receiver = this.receivers.get(familyOf(r.receiver));
        if (receiver?.ordered) this.busy.add(r.receiver);
        const batched = !!receiver?.ordered && !!receiver.deliverBatch && (receiver.batch ?? 1) > 1;
        const alone = (this.single.get(r.receiver) ?? 0) >= r.seq;
        if (!alone) this.single.delete(r.receiver);
        launched.push(
          (batched && !alone ? this.deliverRun(r, receiver) : this.deliverOne(r))
            .catch((err: unknown) => this.failed('deliver', r, err))
            .finally(() => {
              this.inFlight.delete(r.id);
              this.busy.delete(r.receiver);
            }),
        );
      }
    }
    const pollFree = this.o.concurrency - this.polling.size;
    if (pollFree > 0) {
      for (const r of store
        .dueForPoll(this.o.db, now, pollFree + this.polling.size + this.holdUntil.size)
        .filter((x) => !this.polling.has(x.id) && !this.holdUntil.has(x.id))
        .slice(0, pollFree)) {
        this.polling.add(r.id);
        launched.push(
          this.pollOne(r)
            .catch((err: unknown) => this.failed('poll', r, err))
            .finally(() => this.polling.delete(r.id)),
        );
      }
    }
    for (const p of launched) {
      this.work.add(p);
      void p.finally(() => {
        this.work.delete(p);
        this.kick();
      });
    }
    this.schedule();
  }

  /**
   * Recording an outcome failed (the database, not the receiver: disk full, locked). The row is
   * unchanged, so it goes again, but not before 5 s, so a failing disk does not hammer the receiver.
   */
  private failed(what: string, r: OutboxRow, err: unknown): void {
    this.holdUntil.set(r.id, this.o.now() + 5000);
    this.o.log(
      `outbox: ${what} of message ${r.id} could not be recorded (${err instanceof Error ? err.message : String(err)}); it is tried again`,
    );
  }

  private ordered(): string[] {
    return [...this.receivers].filter(([, r]) => r.ordered).map(([f]) => f);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) return;
    // With nothing due, still look now and then: a message another process wrote (a CLI, a restore)
    // is picked up without waiting for the next enqueue here.
    const next = store.nextDue(this.o.db, this.ordered()) ?? this.o.now() + this.o.pollMs * 5;
    const wait = next - this.o.now();
    // Due now but every due message is already on the wire: its completion kicks again.
    if (wait <= 0 && this.work.size > 0) return;
    // Due but nothing on the wire: held back after a recording failure; look again in a while.
    this.timer = setTimeout(() => this.kick(), wait <= 0 ? 250 : Math.max(5, Math.min(wait, 60_000)));
    this.timer.unref?.();
  }

  private backoffOf(r: Receiver): BackoffPolicy {
    const cap = r.maxRetryMs;
    return cap !== undefined && cap < this.o.backoff.maxMs
      ? { baseMs: Math.min(this.o.backoff.baseMs, cap), maxMs: cap }
      : this.o.backoff;
  }

  private async deliverOne(row: OutboxRow): Promise<void> {
    const receiver = this.receivers.get(familyOf(row.receiver));
    const now = () => this.o.now();
    if (!receiver) {
      // Not configured (yet): keep it, look again later; a config fix must not lose it.
      store.markRetry(this.o.db, row, 'OUTBOX_RECEIVER_UNKNOWN', now() + this.o.backoff.maxMs);
      return this.changed(row.id);
    }
    let answer: RemoteStatus;
    try {
      const body = store.openPayload(this.o.db, this.o.cipher, row);
      answer = await receiver.deliver({ receiver: row.receiver, key: row.key, seq: row.seq, kind: row.kind, body });
    } catch (err) {
      if (err instanceof DeliveryError && !err.retryable) {
        this.o.log(`outbox: ${row.receiver} refused message ${row.id} (${err.code}): ${err.message}`);
        store.markDead(this.o.db, row, err.code);
      } else {
        const code = err instanceof OutboxError ? err.code : 'OUTBOX_UNREACHABLE';
        store.markRetry(
          this.o.db,
          row,
          code,
          now() + retryDelay(row.attempts, this.backoffOf(receiver), this.o.random),
        );
      }
      return this.changed(row.id);
    }
    // Outside the try: failing to record the acknowledgement is the database's fault, not the
    // receiver's (see failed()); the row stays pending and the receiver dedupes the resend.
    const status = receiver.poll ? answer : { ...answer, final: true }; // nothing to poll: taking it was its final word
    store.markDelivered(
      this.o.db,
      this.o.cipher,
      row,
      status,
      now(),
      receiver.poll && !status.final ? now() + this.o.pollMs : null,
    );
    this.changed(row.id);
    this.serverBack(receiver, row.receiver);
  }

  /** A receiver took a message: the same server's other receivers need not wait out their backoff. */
  private serverBack(receiver: Receiver, name: string): void {
    for (const other of receiver.sameServer?.(name) ?? []) if (other !== name) this.retryNow(other);
  }

  /**
   * An ordered receiver's head with the run queued behind it, in one call (catching up after a day
   * offline is then a few hundred calls, not tens of thousands, and one commit per run). A failed
   * run is retried whole from its head; a refused one is taken apart: its messages go one by one.
   */
  private async deliverRun(head: OutboxRow, receiver: Receiver): Promise<void> {
    const rows = store.pendingRun(this.o.db, head, receiver.batch ?? 1);
    const msgs: OutboxDelivery[] = [];
    for (const row of rows) {
      try {
        msgs.push({
          receiver: row.receiver,
          key: row.key,
          seq: row.seq,
          kind: row.kind,
          body: store.openPayload(this.o.db, this.o.cipher, row),
        });
      } catch {
        break; // An unreadable payload goes alone (deliverOne records why); the run stops before it.
      }
    }
    if (msgs.length <= 1) return this.deliverOne(head);
    const run = rows.slice(0, msgs.length);
    for (const r of run) this.inFlight.add(r.id);
    const now = () => this.o.now();
    let answers: RemoteStatus[];
    try {
      answers = await receiver.deliverBatch!(msgs);
      if (answers.length !== run.length)
        throw new DeliveryError('OUTBOX_MALFORMED', `${answers.length} answers for ${run.length} messages`, true);
    } catch (err) {
      if (err instanceof DeliveryError && !err.retryable) {
        this.o.log(
          `outbox: ${head.receiver} refused a run of ${run.length} from seq ${head.seq} (${err.code}); sending them one by one`,
        );
        this.single.set(head.receiver, run[run.length - 1]!.seq);
        store.markRetry(this.o.db, head, err.code, now());
      } else {
        const code = err instanceof OutboxError ? err.code : 'OUTBOX_UNREACHABLE';
        store.markRetry(
          this.o.db,
          head,
          code,
          now() + retryDelay(head.attempts, this.backoffOf(receiver), this.o.random),
        );
      }
      return this.changed(head.id);
    } finally {
      for (const r of run) if (r.id !== head.id) this.inFlight.delete(r.id);
    }
    const statuses = answers.map((a) => (receiver.poll ? a : { ...a, final: true }));
    const pollAt = receiver.poll ? now() + this.o.pollMs : null;
    store.markDeliveredMany(this.o.db, this.o.cipher, run, statuses, now(), pollAt);
    for (const r of run) this.changed(r.id);
    this.serverBack(receiver, head.receiver);
  }

  private async pollOne(row: OutboxRow): Promise<void> {
    const receiver = this.receivers.get(familyOf(row.receiver));
    if (!receiver?.poll)
      return void store.recordPoll(
        this.o.db,
        this.o.cipher,
        row,
        { state: row.remoteState ?? 'received', final: true },
        null,
      );
    try {
      const s = await receiver.poll({ receiver: row.receiver, key: row.key, kind: row.kind, remoteId: row.remoteId });
      const since = row.deliveredAt ? this.o.now() - Date.parse(row.deliveredAt) : 0;
      // Undecided: poll soon at first (a training decision comes in seconds), then less often.
      const next = this.o.now() + Math.min(this.o.pollMaxMs, Math.max(this.o.pollMs, Math.floor(since / 10)));
      if (store.recordPoll(this.o.db, this.o.cipher, row, s, next)) this.changed(row.id);
    } catch {
      store.markPollFailed(
        this.o.db,
        row,
        this.o.now() + retryDelay(row.pollFailures, { baseMs: this.o.pollMs, maxMs: this.o.pollMaxMs }, this.o.random),
      );
    }
  }

  private changed(id: number): void {
    if (!this.o.onChange) return;
    try {
      this.o.onChange(store.getMessage(this.o.db, id));
    } catch (err) {
      this.o.log(`outbox: change listener failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Resolves when nothing is pending (for tests, the bench and a clean shutdown); false on timeout. */
  async drain(timeoutMs: number, until: 'delivered' | 'final' = 'delivered'): Promise<boolean> {
    const end = this.o.now() + timeoutMs;
    const q = until === 'delivered' ? "state = 'pending'" : "state = 'pending' OR (state = 'delivered' AND final = 0)";
    while (Date.now() < end) {
      if ((this.o.db.prepare(`SELECT count(*) FROM outbox WHERE ${q}`).pluck().get() as number) === 0) return true;
      this.kick();
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }
}
