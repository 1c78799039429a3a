import { EventEmitter } from 'node:events';
import type { HidBinding, HidDeviceInfo, HidDeviceLike } from '../../../native/id-reader/transport/hid-binding';
import type { Simulator } from '../../../native/id-reader/sim/simulator';
import { commandBody, cut } from './frame-peek';

/** What hidapi puts on the USB wire for one write, as a capture would show it. */
export interface HidWireTransfer {
  /** 'control': SET_REPORT on endpoint 0 (no interrupt OUT endpoint); 'interrupt': the OUT endpoint. */
  pipe: 'control' | 'interrupt';
  setup?: { bmRequestType: number; bRequest: number; wValue: number; wIndex: number };
  data: Uint8Array;
}

export interface SimHidOptions {
  /** Routon HID reader variant: one interrupt IN endpoint, or IN + OUT with the init exchange. */
  variant: 'control' | 'interrupt';
  reportSize?: number;
  /** Zero bytes sent ahead of each reply (the vendor SDK skips them). */
  leadingZeros?: number;
  interfaceNumber?: number;
  /** Ignore SAM frames until the init sequence was sent (a device that needs it). */
  requireInit?: boolean;
  /** Rewrites each reply on its way out (the fuzz cuts, pads and corrupts replies with it). */
  mangle?: (reply: Uint8Array) => Uint8Array;
}

/**
 * A Routon-style HID ID reader (0425:8159) as node-hid's HIDAsync presents it: write() takes
 * report id 0 + 64 bytes; input reports arrive as 'data' events of 64 bytes (no report id, as
 * hidraw delivers unnumbered reports). The raw SAM frame starts at byte 0 of a report; a reply
 * longer than one report continues in the next reports with no header; the last is zero-padded.
 */
export class SimHidDevice extends EventEmitter implements HidDeviceLike {
  readonly wire: HidWireTransfer[] = [];
  closed = false;
  initSeen = 0;
  private readonly size: number;

  constructor(
    private readonly sim: Simulator,
    readonly opts: SimHidOptions,
  ) {
    super();
    this.size = opts.reportSize ?? 64;
  }

  async write(values: number[] | Buffer): Promise<number> {
    if (this.closed) throw new Error('Cannot write to hid device');
    const buf = Buffer.from(values as Buffer);
    // hidapi sends byte 0 as the report id; we require the exact report length the device declares.
    if (buf.length !== this.size + 1 || buf[0] !== 0)
      throw new Error(`Cannot write to hid device (report of ${buf.length} bytes, id ${buf[0]})`);
    const data = Uint8Array.from(buf.subarray(1));
    const iface = this.opts.interfaceNumber ?? 0;
    this.wire.push(
      this.opts.variant === 'control'
        ? { pipe: 'control', setup: { bmRequestType: 0x21, bRequest: 0x09, wValue: 0x0200, wIndex: iface }, data }
        : { pipe: 'interrupt', data },
    );
    if (data[0] === 0x55 && data[1] === 0xaa) {
      this.initSeen++;
      // The init's answer is undocumented; this stand-in is one report that is not a SAM frame.
      if (this.opts.variant === 'interrupt')
        this.send([
          Uint8Array.from([0x55, 0xaa, 0x04, 0x68, 0x00, 0x00, 0x00, ...new Array<number>(this.size - 7).fill(0)]),
        ]);
      return buf.length;
    }
    const body = commandBody(data);
    if (!body || (this.opts.requireInit && this.initSeen === 0)) return buf.length; // ignored, as a real reader does
    const raw = this.sim.respond(body);
    const reply = raw && this.opts.mangle ? this.opts.mangle(raw) : raw;
    if (reply) {
      const lead = this.opts.leadingZeros ?? 0;
      const stream = new Uint8Array(lead + reply.length);
      stream.set(reply, lead);
      this.send(cut(stream, this.size, true));
    }
    return buf.length;
  }

  private send(reports: Uint8Array[]): void {
    let i = 0;
    const next = () => {
      if (this.closed || i >= reports.length) return;
      this.emit('data', Buffer.from(reports[i++]!));
      setImmediate(next);
    };
    setImmediate(next);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** node-hid signals an unplug as a read error. */
  unplug(): void {
    this.emit('error', new Error('could not read from HID device'));
  }
}

/** node-hid's device listing and open(), over a set of simulated devices. */
export class SimHidBinding implements HidBinding {
  readonly opened: string[] = [];
  constructor(
    readonly list: HidDeviceInfo[],
    private readonly make: (path: string) => HidDeviceLike,
  ) {}

  async devices(): Promise<HidDeviceInfo[]> {
    return this.list;
  }

  async open(path: string): Promise<HidDeviceLike> {
    this.opened.push(path);
    return this.make(path);
  }
}
