import { ReaderError, asReaderError } from '../errors';
import type { HidBinding, HidDeviceLike } from './hid-binding';
import { nodeHidBinding } from './hid-binding';
import type { HidProfile } from './hid-profile';
import { ReportUnpacker, packReports } from './hid-reports';
import { TransportBase, type TransportInfo } from './types';

export interface HidTransportOptions {
  path: string;
  vidPid: string;
  profile: HidProfile;
  label?: string;
  /** Defaults to node-hid; tests pass a simulated device with HIDAsync's interface. */
  binding?: Pick<HidBinding, 'open'>;
}

/** USB HID reader: SAM frames wrapped in reports as described by the model's profile. */
export class HidTransport extends TransportBase {
  readonly info: TransportInfo;
  private dev?: HidDeviceLike;
  private readonly unpacker: ReportUnpacker;
  private closedByUs = false;

  constructor(private readonly opts: HidTransportOptions) {
    super();
    this.info = { kind: 'hid', id: `hid:${opts.vidPid}`, label: opts.label ?? `USB HID ${opts.vidPid}` };
    this.unpacker = new ReportUnpacker(opts.profile);
  }

  get isOpen(): boolean {
    return this.dev !== undefined;
  }

  async open(): Promise<void> {
    if (this.dev) return;
    this.closedByUs = false;
    this.unpacker.reset();
    let dev: HidDeviceLike;
    try {
      dev = await (this.opts.binding ?? nodeHidBinding).open(this.opts.path);
    } catch (e) {
      throw asReaderError(e, 'TRANSPORT_OPEN_FAILED', `Cannot open USB reader ${this.opts.vidPid} (no permission on /dev/hidraw*, in use, or unplugged)`);
    }
    dev.on('data', (report: Buffer) => {
      const payload = this.unpacker.unpack(new Uint8Array(report.buffer, report.byteOffset, report.length));
      if (payload.length > 0) this.emit('data', payload);
    });
    // node-hid reports an unplug as a read error; after it the handle is dead.
    dev.on('error', (err: Error) => void this.drop(asReaderError(err, 'TRANSPORT_CLOSED', `USB reader ${this.opts.vidPid} stopped responding; plug it back in`)));
    this.dev = dev;
  }

  async close(): Promise<void> {
    this.closedByUs = true;
    await this.drop(undefined);
  }

  async write(data: Uint8Array): Promise<void> {
    const dev = this.dev;
    if (!dev) throw new ReaderError('TRANSPORT_CLOSED', `USB reader ${this.opts.vidPid} is not open; plug it in.`);
    try {
      for (const report of packReports(this.opts.profile, data)) await dev.write(Buffer.from(report));
    } catch (e) {
      const err = asReaderError(e, 'TRANSPORT_WRITE_FAILED', `Writing to USB reader ${this.opts.vidPid} failed`);
      void this.drop(err);
      throw err;
    }
  }

  private async drop(reason: ReaderError | undefined): Promise<void> {
    const dev = this.dev;
    if (!dev) return;
    this.dev = undefined;
    dev.removeAllListeners('data');
    dev.removeAllListeners('error');
    dev.on('error', () => undefined); // a late read error from the dying handle must not throw
    try {
      await dev.close();
    } catch {
      // Closing a device that is already gone fails; it is closed either way.
    }
    this.emit('close', this.closedByUs ? undefined : reason);
  }
}
