import { appendAudit } from '../audit';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import type { Outbox } from '../outbox';
import { AppError } from '../errors';
import { hallClient, HallCallError, pairWithHall, type HallClient } from './client';
import { hallReceiverName } from './events';
import { clearLink, loadLink, saveLink, type StoredLink } from './link';
import { tailBehind, tailOnce } from './tailer';
import type { HallLinkState } from './types';

/** How often the tailer looks at the audit log (a cheap max(seq) read); sync lag is this plus delivery. */
const TAIL_MS = 150;
/** Decisions arrive on outbox rows, not in the audit log: looked for every this many ticks. */
const DECISION_TICKS = 13;

/**
 * The terminal's link to its hall server: pairing, the sealed credentials (migration 011), the
 * signed client, and the audit tailer that turns case steps into hall events in the outbox.
 */
export class HallService {
  private link: StoredLink | null;
  private cached: HallClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;

  constructor(
    private readonly core: Core,
    private readonly cipher: RecordCipher,
    private readonly outbox: Outbox,
  ) {
    this.link = loadLink(core.db, cipher);
  }

  client(): HallClient | null {
    if (!this.link) return null;
    this.cached ??= hallClient(this.link, 5000);
    return this.cached;
  }

  /** The receiver this pairing's events go to; null when unpaired. */
  receiver(): string | null {
    return this.link ? hallReceiverName(this.link.terminalId) : null;
  }

  credentials(): StoredLink | null {
    return this.link;
  }

  state(): HallLinkState {
    const l = this.link;
    const receiver = this.receiver();
    const pending = receiver
      ? (
          this.core.db
            .prepare("SELECT COUNT(*) AS n, MIN(seq) AS first FROM outbox WHERE receiver = ? AND state = 'pending'")
            .get(receiver) as { n: number }
        ).n
      : 0;
    const err = receiver
      ? (
          this.core.db
            .prepare(
              "SELECT last_error FROM outbox WHERE receiver = ? AND state = 'pending' AND last_error IS NOT NULL ORDER BY seq LIMIT 1",
            )
            .get(receiver) as { last_error: string } | undefined
        )?.last_error
      : undefined;
    if (!l) return { paired: false, pending: 0 };
    return {
      paired: true,
      url: l.url,
      terminalId: l.terminalId,
      name: l.name,
      pairedAt: l.pairedAt,
      pairedBy: l.pairedBy,
      pending,
      ...(err ? { lastError: err } : {}),
    };
  }

  async pair(url: string, code: string, by: string): Promise<HallLinkState> {
    const base = url.replace(/\/+$/, '');
    const name = `${this.core.config.hall.id}/${this.core.config.counter}`;
    let creds;
    try {
      creds = await pairWithHall(base, code, name, this.core.config.station?.area ?? undefined);
    } catch (e) {
      if (e instanceof HallCallError)
        throw new AppError(
          e.status === 401 ? 'HALL_PAIRING_REFUSED' : 'HALL_UNREACHABLE',
          e.status === 401
            ? 'The hall refused the code: it is wrong, used or older than 10 minutes. Ask for a new code at the hall server.'
            : 'The hall server did not answer; check its address and that it is running.',
        );
      throw new AppError(
        'HALL_UNREACHABLE',
        'The hall server did not answer; check its address and that it is running.',
      );
    }
    const link: StoredLink = { ...creds, name, pairedBy: by, pairedAt: new Date().toISOString() };
    this.core.db.transaction(() => {
      saveLink(this.core.db, this.cipher, link);
      appendAudit(this.core.db, {
        action: 'hall-pair',
        actor: by,
        detail: { url: base, terminalId: creds.terminalId },
      });
    })();
    this.link = link;
    this.cached = null;
    this.core.log(`hall: paired with ${base} as ${creds.terminalId}`);
    this.outbox.kick();
    return this.state();
  }

  /**
   * Training: the same hall (same data) on a new port. Keeps the pairing when the hall still knows
   * this terminal; false when it does not (its data was removed), so the caller pairs anew.
   */
  async retarget(url: string): Promise<boolean> {
    if (!this.link) return false;
    const link = { ...this.link, url };
    try {
      await hallClient(link, 5000).poolReads(Date.now());
    } catch {
      return false;
    }
    this.core.db.prepare('UPDATE hall_link SET url = ? WHERE id = 1').run(url);
    this.link = link;
    this.cached = null;
    this.outbox.kick();
    return true;
  }

  unpair(by: string): HallLinkState {
    const was = this.link;
    this.core.db.transaction(() => {
      clearLink(this.core.db);
      appendAudit(this.core.db, {
        action: 'hall-unpair',
        actor: by,
        detail: { terminalId: was?.terminalId ?? null },
      });
    })();
    this.link = null;
    this.cached = null;
    return this.state();
  }

  /** One tailer step now (tests and the timer); enqueues nothing while unpaired. */
  tail(decisions = true): number {
    const receiver = this.receiver();
    if (!receiver) return 0;
    const n = tailOnce(this.core.db, {
      receiver,
      window: this.core.config.counter,
      enqueue: (db, m) => this.outbox.enqueue(db, m),
      decisions,
    });
    return n;
  }

  start(): void {
    this.timer = setInterval(() => {
      if (!this.link) return;
      this.ticks += 1;
      const decisions = this.ticks % DECISION_TICKS === 0;
      try {
        if (decisions || tailBehind(this.core.db)) this.tail(decisions);
      } catch (e) {
        // A busy database: the next tick tries again; nothing is lost, the cursor did not move.
        this.core.log(`hall tail: ${e instanceof Error ? e.message : String(e)}`);
      }
    }, TAIL_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
