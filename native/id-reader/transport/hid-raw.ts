import { accessSync, constants } from 'node:fs';
import { ReaderError, asReaderError } from '../errors';
import type { HidRawSpec } from '../table/schema';
import type { HidBinding, HidDeviceLike } from './hid-binding';
import { nodeHidBinding } from './hid-binding';
import { usbOpenError } from './open-errors';
import { Reassembler } from './reassembly';
import { TransportBase, type TransportInfo } from './types';

export interface HidRawOptions {
  path: string;
  vidPid: string;
  spec: HidRawSpec;
  /** Resolved from the interface's endpoints when the table says 'auto' (no OUT endpoint = control). */
  variant: 'control' | 'interrupt';
  label?: string;
  /** How long to wait for the answer to the init sequence. */
  initTimeoutMs?: number;
  /** Defaults to node-hid; tests pass a simulated device with HIDAsync's interface. */
  binding?: Pick<HidBinding, 'open'>;
}

/**
 * USB HID reader in the raw layout: each output report carries the SAM frame from byte 0 (no
 * length byte), zero-padded; hidapi puts the report id (0) in front, and sends the report by
 * SET_REPORT on endpoint 0 when the interface has no interrupt OUT endpoint ("control" variant)
 * or on that endpoint ("interrupt" variant). Input reports are reassembled by the frame's LEN.
 */
export class HidRawTransport extends TransportBase {
  readonly info: TransportInfo;
  private dev?: HidDeviceLike;
  private readonly reasm = new Reassembler();
  private closedByUs = false;
  private initWaiter?: () => void;

  constructor(private readonly opts: HidRawOptions) {
    super();
    this.info = {
      kind: 'hid',
      id: `hid:${opts.vidPid}`,
      label: opts.label ?? `USB HID ${opts.vidPid}`,
      vidPid: opts.vidPid,
      transport: 'hid-raw',
    };
  }

  get isOpen(): boolean {
    return this.dev !== undefined;
  }

  async open(): Promise<void> {
    if (this.dev) return;
    this.closedByUs = false;
    this.reasm.reset();
    let dev: HidDeviceLike;
    try {
      dev = await (this.opts.binding ?? nodeHidBinding).open(this.opts.path);
    } catch (e) {
      throw this.openError(e);
    }
    dev.on('data', (report: Buffer) => this.onReport(report));
    // node-hid reports an unplug as a read error; after it the handle is dead.
    dev.on(
      'error',
      (err: Error) =>
        void this.drop(
          asReaderError(err, 'TRANSPORT_CLOSED', `USB reader ${this.opts.vidPid} stopped responding; plug it back in`),
        ),
    );
    this.dev = dev;
    const init = this.opts.spec.init;
    if (this.opts.variant === 'interrupt' && init) await this.initExchange(init);
  }

  async close(): Promise<void> {
    this.closedByUs = true;
    await this.drop(undefined);
  }

  async write(frame: Uint8Array): Promise<void> {
    const dev = this.dev;
    if (!dev) throw new ReaderError('TRANSPORT_CLOSED', `USB reader ${this.opts.vidPid} is not open; plug it in.`);
    try {
      for (const report of this.reports(frame)) await dev.write(report);
    } catch (e) {
      const err = asReaderError(e, 'TRANSPORT_WRITE_FAILED', `Writing to USB reader ${this.opts.vidPid} failed`);
      void this.drop(err);
      throw err;
    }
  }

  /** [report id, frame bytes..., zero padding], one report per reportSize bytes of the frame. */
  reports(frame: Uint8Array): Buffer[] {
    const size = this.opts.spec.reportSize;
    const out: Buffer[] = [];
    for (let off = 0; off < Math.max(frame.length, 1); off += size) {
      const r = Buffer.alloc(1 + size);
      r[0] = this.opts.spec.reportId;
      r.set(frame.subarray(off, off + size), 1);
      out.push(r);
    }
    return out;
  }

  private onReport(report: Buffer): void {
    // hidraw hands numbered reports with their id in front, unnumbered ones (id 0) without.
    const body = this.opts.spec.reportId !== 0 ? report.subarray(1) : report;
    if (this.initWaiter) {
      this.initWaiter(); // the init answer's meaning is undocumented; it is read and dropped
      return;
    }
    for (const part of this.reasm.push(new Uint8Array(body.buffer, body.byteOffset, body.length)))
      this.emit('data', part);
  }

  /** The vendor SDK sends this sequence on the interrupt variant and reads one answer; we do the same. */
  private async initExchange(init: Uint8Array): Promise<void> {
    const answered = new Promise<boolean>((resolve) => {
      const t = setTimeout(() => done(false), this.opts.initTimeoutMs ?? 500);
      const done = (ok: boolean) => {
        clearTimeout(t);
        this.initWaiter = undefined;
        resolve(ok);
      };
      this.initWaiter = () => done(true);
    });
    await this.write(init);
    // No answer is tolerated: the SAM-status probe that follows decides whether the reader works.
    await answered;
    this.reasm.reset();
  }

  private openError(e: unknown): ReaderError {
    const what = `Cannot open USB HID reader ${this.opts.vidPid} (${this.opts.path})`;
    if (process.platform === 'linux' && this.opts.path.startsWith('/dev/')) {
      try {
        accessSync(this.opts.path, constants.R_OK | constants.W_OK);
      } catch (a) {
        if ((a as NodeJS.ErrnoException).code === 'EACCES')
          return usbOpenError(new Error(`EACCES on ${this.opts.path}`), this.opts.vidPid, what);
      }
    }
    return usbOpenError(e, this.opts.vidPid, what);
  }

  private async drop(reason: ReaderError | undefined): Promise<void> {
    const dev = this.dev;
    if (!dev) return;
    this.dev = undefined;
    this.initWaiter?.();
    dev.removeAllListeners('data');
    dev.removeAllListeners('error');
    dev.on('error', () => undefined); // a late read error from the dying handle must not throw
    try {
      await dev.close();
    } catch {
      // Closing a device that is already gone fails; it is closed either way.
    }
    const truncated = this.reasm.reset();
    if (truncated && reason) this.emit('error', truncated);
    this.emit('close', this.closedByUs ? undefined : reason);
  }
}
