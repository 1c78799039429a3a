import { EventEmitter } from 'node:events';
import type { CardRead } from '../card';
import { ReaderError, asReaderError, type ReaderErrorCode } from '../errors';
import type { CommandName, ResponseBody } from '../frame/codec';
import { nodeUsb } from '../transport/usb-binding';
import type { Transport, TransportInfo } from '../transport/types';
import { findCard, readCard, samId, samStatus, selectCard, type Send } from './card-ops';
import { ReaderClient } from './client';
import type { DeviceReport } from './devices';
import { discoverReaders, pickConfigured, type ReaderCandidate } from './discovery';
import { usbHotplug, type Hotplug, type HotplugEvent } from './hotplug';
import {
  resolveReaderConfig,
  type ReaderManagerConfig,
  type ReaderManagerEvents,
  type ResolvedReaderConfig,
} from './manager-config';
import type { ReaderState, ReaderStatus } from './status';
import { defaultMessage, failed } from './status-text';

export type { ReaderLogger, ReaderManagerConfig, ReaderManagerEvents } from './manager-config';

type Presence = 'none' | 'present' | 'failed';

interface Conn {
  transport: Transport;
  client: ReaderClient;
  candidate: ReaderCandidate;
}

/**
 * Finds a reader, polls it for cards and reports card-placed / card-removed and status changes.
 * Everything runs in one loop with one command in flight; no driver failure escapes it.
 */
export class ReaderManager extends EventEmitter<ReaderManagerEvents> {
  private readonly cfg: ResolvedReaderConfig;
  private devices: DeviceReport[] = [];
  private hotplug?: Hotplug;
  private unsubscribe: Array<() => void> = [];
  private attached = false;
  private current: ReaderStatus;
  private running?: Promise<void>;
  private stopped = true;
  private wake?: () => void;
  private conn?: Conn;
  private presence: Presence = 'none';
  private misses = 0;
  private failures = 0;
  private lastRead?: CardRead;
  private samIdHex?: string;
  private lastReader?: TransportInfo;

  constructor(config: ReaderManagerConfig = {}) {
    super();
    this.cfg = resolveReaderConfig(config);
    this.current = this.makeStatus('searching');
  }

  get status(): ReaderStatus {
    return this.current;
  }

  /** The card on the reader right now, if it was read. */
  get currentCard(): CardRead | undefined {
    return this.presence === 'present' ? this.lastRead : undefined;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.startHotplug();
    this.running = this.loop().catch((e: unknown) =>
      this.cfg.logger.warn(`reader loop ended unexpectedly: ${String(e)}`),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    for (const u of this.unsubscribe.splice(0)) u();
    if (this.cfg.hotplug === undefined) this.hotplug?.close();
    this.hotplug = undefined;
    await this.closeConn();
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    let backoff = this.cfg.backoffInitialMs;
    while (!this.stopped) {
      try {
        // Between failed attempts keep the state the user already sees ('unavailable', 'error', or
        // 'disconnected' after an unplug) instead of flapping through 'searching'.
        if (
          this.current.state === 'connected' ||
          this.current.state === 'reading' ||
          this.current.state === 'searching'
        )
          this.setState('searching');
        const conn = await this.connect();
        if (this.stopped) {
          await this.closeConn();
          break;
        }
        if (conn) {
          backoff = this.cfg.backoffInitialMs;
          const reason = await this.session(conn);
          await this.closeConn();
          if (this.presence === 'present') this.safeEmit('card-removed', { reason: 'disconnected' });
          this.presence = 'none';
          if (this.stopped) break;
          this.setState('disconnected', reason);
        }
      } catch (e) {
        // Defensive: a bug here must degrade to a retry, not an unhandled rejection.
        this.cfg.logger.warn(`reader loop error: ${e instanceof Error ? e.message : String(e)}`);
        await this.closeConn();
        this.setState('error', asReaderError(e, 'NO_READER', 'Reader driver error'));
      }
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, this.cfg.backoffMaxMs);
      // A reader just plugged in is tried at once, from the shortest backoff.
      if (this.attached) backoff = this.cfg.backoffInitialMs;
      this.attached = false;
    }
  }

  /** Opens the configured reader, or the first candidate that answers SAM status. */
  private async connect(): Promise<Conn | undefined> {
    const found = await (this.cfg.discover ?? (() => discoverReaders({ ...this.cfg })))();
    const list = pickConfigured(found.candidates, this.cfg.device);
    this.devices = (found.devices ?? []).map((d) => ({ ...d }));
    const reportOf = (c: ReaderCandidate) =>
      c.report
        ? this.devices.find(
            (d) => d.vidPid === c.report!.vidPid && d.where === c.report!.where && d.transport === c.report!.transport,
          )
        : undefined;
    let lastErr: ReaderError | undefined = found.problems[0];
    for (const candidate of list) {
      if (this.stopped) return undefined;
      const rep = reportOf(candidate);
      const transport = candidate.create();
      try {
        await transport.open();
      } catch (e) {
        lastErr = asReaderError(e, 'TRANSPORT_OPEN_FAILED', `Opening ${candidate.label} failed`);
        if (rep) Object.assign(rep, failed(lastErr));
        continue;
      }
      const client = new ReaderClient(transport, this.cfg.timers);
      const conn: Conn = { transport, client, candidate };
      this.conn = conn;
      try {
        await samStatus(this.sender(conn));
        if (rep) {
          rep.state = 'ready';
          if (rep.probed)
            this.cfg.logger.warn(
              `${candidate.label} (${rep.vidPid}) answered SAM status over ${rep.transport}; record that transport in resources/id-reader/readers.json`,
            );
        }
        return conn;
      } catch (e) {
        lastErr = asReaderError(e, 'COMMAND_TIMEOUT', `${candidate.label} did not answer SAM status`);
        if (rep) Object.assign(rep, failed(lastErr));
        await this.closeConn();
      }
    }
    // A known device that cannot be used says why (e.g. the udev rule) rather than "no reader".
    const named = this.devices.find((d) => d.state === 'failed' || d.state === 'unsupported');
    if (named?.code && (!lastErr || lastErr.code === 'NO_READER' || lastErr.code === 'USB_BINDING_UNAVAILABLE'))
      lastErr = new ReaderError(named.code, named.message ?? named.code, named.params ? { params: named.params } : {});
    const msg = this.cfg.device
      ? `Configured reader "${this.cfg.device}" was not found or did not answer; check the cable and the reader setting.`
      : 'No ID card reader found; connect a reader.';
    const state: ReaderState =
      lastErr?.code === 'REPLY_STATUS'
        ? 'error'
        : this.current.state === 'disconnected'
          ? 'disconnected'
          : 'unavailable';
    this.setState(state, lastErr ?? new ReaderError('NO_READER', msg), lastErr ? `${msg} (${lastErr.message})` : msg);
    return undefined;
  }

  private async startHotplug(): Promise<void> {
    if (this.cfg.hotplug === false || this.cfg.source === 'simulator' || this.cfg.source === 'serial') return;
    let hp: Hotplug | undefined = this.cfg.hotplug;
    if (!hp) {
      if (this.cfg.usb === null) return;
      try {
        hp = await usbHotplug(this.cfg.usb ?? (await nodeUsb()));
      } catch {
        hp = undefined; // no `usb` binding: polling with backoff still finds readers
      }
    }
    if (!hp || this.stopped) {
      if (hp && this.cfg.hotplug === undefined) hp.close();
      return;
    }
    this.hotplug = hp;
    this.unsubscribe.push(
      hp.on('attach', () => {
        this.attached = true;
        if (!this.conn) this.wake?.();
      }),
      hp.on('detach', (e) => this.onDetach(e)),
    );
  }

  /** The open reader went away: drop it now rather than at the next failed poll. */
  private onDetach(e: HotplugEvent): void {
    const c = this.conn;
    if (!c) return;
    const same = c.candidate.usbDevice
      ? c.candidate.usbDevice === e.device ||
        (c.candidate.usbDevice.bus === e.device.bus &&
          c.candidate.usbDevice.address === e.device.address &&
          e.device.bus !== undefined)
      : c.candidate.vidPid === e.vidPid;
    if (!same) return;
    this.cfg.logger.info(`reader ${c.candidate.label} unplugged`);
    const t = c.transport as Transport & { unplugged?: () => void };
    if (t.unplugged) t.unplugged();
    else void t.close();
    // A transport closed without a reason still ends the session.
    this.wake?.();
  }

  /** Polls one open reader until it goes away; returns why. */
  private async session(conn: Conn): Promise<ReaderError> {
    const send = this.sender(conn);
    let closedReason: ReaderError | undefined;
    conn.transport.on('close', (r) => {
      closedReason = r ?? new ReaderError('TRANSPORT_CLOSED', 'Reader connection closed.');
      this.wake?.();
    });
    this.failures = 0;
    this.misses = 0;
    try {
      this.samIdHex = await samId(send);
      this.cfg.logger.info(`reader ${conn.candidate.label} connected, SAM ID ${this.samIdHex}`);
    } catch (e) {
      this.cfg.logger.warn(
        `reader ${conn.candidate.label}: SAM ID not readable (${asReaderError(e, 'REPLY_MALFORMED', 'samId').message})`,
      );
    }
    this.setState('connected');
    while (!this.stopped && !closedReason) {
      try {
        await this.poll(send);
      } catch (e) {
        const err = asReaderError(e, 'REPLY_MALFORMED', 'Polling the reader failed');
        if (closedReason || err.code === 'TRANSPORT_CLOSED') return closedReason ?? err;
        if (this.failures >= this.cfg.reopenAfterFailures) {
          return new ReaderError('COMMAND_TIMEOUT', `Reader stopped answering (${err.message}); reconnecting.`);
        }
        if (this.failures === this.cfg.resetAfterFailures) {
          this.cfg.logger.warn(`reader: ${this.failures} failed commands in a row, resetting the SAM`);
          await send('resetSam', 'short').catch(() => undefined);
        }
      }
      if (!this.stopped && !closedReason) await this.sleep(this.cfg.pollIntervalMs);
    }
    return closedReason ?? new ReaderError('TRANSPORT_CLOSED', 'Reader stopped.');
  }

  private async poll(send: Send): Promise<void> {
    if (await findCard(send)) {
      this.misses = 0;
      if (this.presence === 'present') return;
      await this.readPlaced(send);
      return;
    }
    if (this.presence === 'none') return;
    // Some readers answer 80 to find-card while a card that was just read is still there; a
    // successful select proves it is, so only find and select both missing count as a miss.
    if (await selectCard(send).catch(() => false)) {
      this.misses = 0;
      return;
    }
    if (++this.misses < this.cfg.removeAfterMisses) return;
    const was = this.presence;
    this.presence = 'none';
    this.misses = 0;
    this.lastRead = undefined;
    if (was === 'present') this.safeEmit('card-removed', { reason: 'removed' });
    this.setState('connected');
  }

  private async readPlaced(send: Send): Promise<void> {
    // A card that already failed is retried quietly on each poll, without status flapping.
    if (this.presence !== 'failed') this.setState('reading');
    let lastErr: ReaderError | undefined;
    for (let attempt = 0; attempt <= this.cfg.retries; attempt++) {
      try {
        if (attempt > 0 && !(await findCard(send))) break;
        const read = await readCard(send, {
          fingerprint: this.cfg.readFingerprint,
          addedAddress: this.cfg.readAddedAddress,
          now: this.cfg.now(),
        });
        this.presence = 'present';
        this.lastRead = read;
        this.setState('connected');
        this.safeEmit('card-placed', read);
        return;
      } catch (e) {
        lastErr = asReaderError(e, 'REPLY_MALFORMED', 'Reading the card failed');
        if (lastErr.code === 'TRANSPORT_CLOSED') throw lastErr;
      }
    }
    // Report a card that cannot be read once per placement, not on every poll.
    if (this.presence !== 'failed' && lastErr) this.safeEmit('card-error', lastErr);
    this.presence = lastErr ? 'failed' : 'none';
    this.setState('connected');
  }

  /** One command attempt with its timeout, counting consecutive failures for reset/reopen. */
  private sender(conn: Conn): Send {
    return async (name: CommandName, kind, data) => {
      try {
        const r: ResponseBody = await conn.client.command(
          name,
          kind === 'read' ? this.cfg.readTimeoutMs : this.cfg.commandTimeoutMs,
          data,
        );
        this.failures = 0;
        return r;
      } catch (e) {
        this.failures++;
        throw e;
      }
    };
  }

  private async closeConn(): Promise<void> {
    const c = this.conn;
    if (!c) return;
    this.conn = undefined;
    c.client.dispose();
    await c.transport.close().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const t = this.cfg.timers.setTimeout(() => done(), ms);
      const done = () => {
        this.cfg.timers.clearTimeout(t);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      this.wake = done;
    });
  }

  private makeStatus(state: ReaderState, err?: ReaderError, message?: string): ReaderStatus {
    if (this.conn) this.lastReader = this.conn.transport.info;
    const reader = this.conn || state === 'disconnected' ? this.lastReader : undefined;
    const text = message ?? err?.message ?? defaultMessage(state, reader?.label);
    return {
      state,
      message: text,
      ...(err ? { code: err.code as ReaderErrorCode, ...(err.params ? { params: err.params } : {}) } : {}),
      ...(this.devices.length ? { devices: this.devices.map((d) => ({ ...d })) } : {}),
      ...(reader && state !== 'unavailable' && state !== 'searching' ? { reader } : {}),
      ...(this.samIdHex && (state === 'connected' || state === 'reading') ? { samId: this.samIdHex } : {}),
      cardPresent: this.presence !== 'none',
      at: this.cfg.now().getTime(),
    };
  }

  private setState(state: ReaderState, err?: ReaderError, message?: string): void {
    const next = this.makeStatus(state, err, message);
    const prev = this.current;
    if (
      prev.state === state &&
      prev.code === next.code &&
      prev.cardPresent === next.cardPresent &&
      prev.message === next.message &&
      JSON.stringify(prev.devices) === JSON.stringify(next.devices)
    )
      return;
    this.current = next;
    this.safeEmit('status', next);
  }

  /** Calls every listener even when one throws: a caller's bug must not stop card polling or other listeners. */
  private safeEmit<K extends keyof ReaderManagerEvents>(event: K, ...args: ReaderManagerEvents[K]): void {
    // rawListeners keeps once() wrappers, so they still remove themselves.
    for (const l of this.rawListeners(event) as Array<(...a: ReaderManagerEvents[K]) => void>) {
      try {
        l.apply(this, args);
      } catch (e) {
        this.cfg.logger.warn(`listener for ${event} threw: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}

export function createReaderManager(config: ReaderManagerConfig = {}): ReaderManager {
  return new ReaderManager(config);
}
