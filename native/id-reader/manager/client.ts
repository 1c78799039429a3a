import { ReaderError, asReaderError } from '../errors';
import { encodeCommand, parseResponseBody, type CommandName, type ResponseBody } from '../frame/codec';
import { FrameDecoder } from '../frame/decoder';
import type { Transport } from '../transport/types';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface Pending {
  resolve(r: ResponseBody): void;
  reject(e: ReaderError): void;
  timer: unknown;
}

/**
 * Request/reply over one open transport: exactly one command in flight, each with a timeout.
 * A reply is the next valid frame; framing errors while waiting fail the command at once (the
 * caller retries) rather than waiting out the timeout.
 */
export class ReaderClient {
  private readonly decoder: FrameDecoder;
  private pending?: Pending;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Framing problems seen outside any command (noise); for diagnostics. */
  strayErrors = 0;

  constructor(
    private readonly transport: Transport,
    private readonly timers: Timers = realTimers,
    maxLen?: number,
  ) {
    this.decoder = new FrameDecoder(maxLen === undefined ? {} : { maxLen });
    transport.on('data', this.onData);
    transport.on('close', this.onClose);
    transport.on('error', this.onError);
  }

  command(name: CommandName, timeoutMs: number, data?: Uint8Array): Promise<ResponseBody> {
    const run = () => this.send(name, timeoutMs, data);
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  dispose(): void {
    this.closed = true;
    this.transport.off('data', this.onData);
    this.transport.off('close', this.onClose);
    this.transport.off('error', this.onError);
    this.fail(new ReaderError('TRANSPORT_CLOSED', 'Reader connection was closed.'));
  }

  private async send(name: CommandName, timeoutMs: number, data?: Uint8Array): Promise<ResponseBody> {
    if (this.closed) throw new ReaderError('TRANSPORT_CLOSED', 'Reader connection is closed; plug the reader back in.');
    const frame = encodeCommand(name, data);
    // A late reply to an earlier, timed-out command must not be taken for this one.
    this.decoder.reset();
    const reply = new Promise<ResponseBody>((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        if (this.pending?.timer !== timer) return;
        this.pending = undefined;
        const truncated = this.decoder.reset();
        reject(
          truncated ??
            new ReaderError(
              'COMMAND_TIMEOUT',
              `Reader did not answer ${name} within ${timeoutMs} ms; check the cable.`,
            ),
        );
      }, timeoutMs);
      this.pending = { resolve, reject, timer };
    });
    // The reply may fail (close, dispose) while we still await the write; mark it handled now,
    // the caller still receives the rejection through the returned promise.
    reply.catch(() => undefined);
    try {
      await this.transport.write(frame);
    } catch (e) {
      this.fail(asReaderError(e, 'TRANSPORT_WRITE_FAILED', `Sending ${name} failed`));
    }
    return reply;
  }

  private readonly onData = (chunk: Uint8Array): void => {
    for (const ev of this.decoder.feed(chunk)) {
      const p = this.pending;
      if (!p) {
        if (ev.type === 'error') this.strayErrors++;
        continue;
      }
      if (ev.type === 'error') {
        // Garbage before a good frame is harmless; anything else means this reply is lost.
        if (ev.error.code !== 'FRAME_GARBAGE') this.fail(ev.error);
        continue;
      }
      try {
        const body = parseResponseBody(ev.body);
        this.settle();
        p.resolve(body);
      } catch (e) {
        this.fail(asReaderError(e, 'REPLY_MALFORMED', 'Reader reply malformed'));
      }
    }
  };

  /** A transport problem during a command (a stalled endpoint, a cut-off reply) loses that reply: fail it now. */
  private readonly onError = (err: ReaderError): void => {
    this.fail(err);
  };

  private readonly onClose = (reason?: ReaderError): void => {
    this.closed = true;
    this.fail(reason ?? new ReaderError('TRANSPORT_CLOSED', 'Reader connection was closed.'));
  };

  private settle(): void {
    if (this.pending) this.timers.clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  private fail(err: ReaderError): void {
    const p = this.pending;
    if (!p) return;
    this.settle();
    p.reject(err);
  }
}
