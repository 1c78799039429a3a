import type { Simulator } from '../../../native/id-reader/sim/simulator';
import type {
  UsbConfigurationLike,
  UsbConnectionEventLike,
  UsbDeviceLike,
  UsbDirection,
  UsbEndpointLike,
  UsbInResult,
  UsbLike,
  UsbOutResult,
} from '../../../native/id-reader/transport/usb-binding';
import { PRE, commandBody, cut } from './frame-peek';

export type UsbLayout = 'bulk-4ep' | 'bulk-2ep' | 'hid-in' | 'hid-inout' | 'storage';

export interface SimUsbOptions {
  vendorId: number;
  productId: number;
  layout: UsbLayout;
  /** Answers SAM frames; absent = a device that is not a reader (it must never be written to). */
  sim?: Simulator;
  productName?: string;
  manufacturerName?: string;
  bus?: string;
  address?: number;
  packetSize?: number;
  /** The reply is held back this long after a command (a reader still working); reads before it time out. */
  busyMs?: number;
  leadingZeros?: number;
  /** open() fails with this message (e.g. "Permission denied (os error 13)"). */
  openError?: string;
  /** Rewrites each reply on its way out (the fuzz cuts, pads and corrupts replies with it). */
  mangle?: (reply: Uint8Array) => Uint8Array;
}

const ep = (
  endpointNumber: number,
  direction: UsbDirection,
  type: UsbEndpointLike['type'],
  packetSize = 64,
): UsbEndpointLike => ({ endpointNumber, direction, type, packetSize });

/** Descriptors as the `usb` package presents them: configuration -> interfaces -> alternate -> endpoints. */
function descriptors(layout: UsbLayout, ps: number): UsbConfigurationLike {
  const endpoints: Record<UsbLayout, [number, UsbEndpointLike[]]> = {
    // The SAM protocol document's layout: OUT 0x02 header, OUT 0x06 body, IN 0x81 header, IN 0x85 body.
    'bulk-4ep': [
      0xff,
      [ep(2, 'out', 'bulk', ps), ep(6, 'out', 'bulk', ps), ep(1, 'in', 'bulk', ps), ep(5, 'in', 'bulk', ps)],
    ],
    'bulk-2ep': [0xff, [ep(1, 'out', 'bulk', ps), ep(2, 'in', 'bulk', ps)]],
    'hid-in': [0x03, [ep(1, 'in', 'interrupt')]],
    'hid-inout': [0x03, [ep(1, 'in', 'interrupt'), ep(2, 'out', 'interrupt')]],
    storage: [0x08, [ep(1, 'out', 'bulk'), ep(2, 'in', 'bulk')]],
  };
  const [cls, eps] = endpoints[layout];
  const alternate = {
    alternateSetting: 0,
    interfaceClass: cls,
    interfaceSubclass: 0,
    interfaceProtocol: 0,
    endpoints: eps,
  };
  return {
    configurationValue: 1,
    interfaces: [{ interfaceNumber: 0, claimed: false, alternate, alternates: [alternate] }],
  };
}

interface Waiter {
  resolve(): void;
}

/**
 * A vendor-bulk ID reader as the `usb` package's UsbDevice presents it, replaying the byte
 * layouts: on 'bulk-4ep' the host writes preamble + LEN (7 bytes) to OUT 0x02 and CMD PARA DATA
 * CHK to OUT 0x06, and reads preamble + LEN from IN 0x81 and SW1 SW2 SW3 DATA CHK from IN 0x85;
 * on 'bulk-2ep' the whole frame goes to OUT 0x01 and the reply comes from IN 0x82 in packets.
 * A bulk IN transfer returns what is queued up to the requested length, ending at a short
 * packet, and times out (rejects) when nothing comes in time, as libusb/nusb do.
 */
export class SimUsbDevice implements UsbDeviceLike {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string | null;
  readonly manufacturerName: string | null;
  readonly bus: string;
  readonly address: number;
  opened = false;
  configuration: UsbConfigurationLike | null = null;
  readonly configurations: UsbConfigurationLike[];
  /** Every OUT transfer, by endpoint address. */
  readonly writes: Array<{ endpoint: number; data: Uint8Array }> = [];
  claimed = new Set<number>();
  private header?: Uint8Array;
  private readonly queues = new Map<number, Uint8Array[]>();
  private readyAt = 0;
  private stalled = new Set<string>();
  private gone = false;
  private waiters = new Set<Waiter>();

  constructor(readonly opts: SimUsbOptions) {
    this.vendorId = opts.vendorId;
    this.productId = opts.productId;
    this.productName = opts.productName ?? null;
    this.manufacturerName = opts.manufacturerName ?? null;
    this.bus = opts.bus ?? '1';
    this.address = opts.address ?? 5;
    this.configurations = [descriptors(opts.layout, opts.packetSize ?? 64)];
  }

  async open(): Promise<void> {
    this.alive();
    if (this.opts.openError) throw new Error(this.opts.openError);
    this.opened = true;
  }
  async close(): Promise<void> {
    this.opened = false;
    this.claimed.clear();
  }
  async selectConfiguration(v: number): Promise<void> {
    this.alive();
    this.configuration = this.configurations.find((c) => c.configurationValue === v) ?? null;
  }
  async claimInterface(n: number): Promise<void> {
    this.alive();
    if (!this.opened) throw new Error('device not open');
    if (this.opts.layout.startsWith('hid')) throw new Error('Device or resource busy (os error 16)'); // usbhid holds it
    this.claimed.add(n);
  }
  async releaseInterface(n: number): Promise<void> {
    this.claimed.delete(n);
  }
  async clearHalt(direction: UsbDirection, n: number): Promise<void> {
    this.stalled.delete(`${direction}${n}`);
  }

  /** The next transfer on this endpoint answers 'stall' until the host clears the halt. */
  stall(direction: UsbDirection, n: number): void {
    this.stalled.add(`${direction}${n}`);
  }

  /** Pending and later transfers fail as they do when the cable is pulled. */
  unplug(): void {
    this.gone = true;
    for (const w of this.waiters) w.resolve();
  }

  async transferOut(n: number, data: Uint8Array): Promise<UsbOutResult> {
    this.alive();
    this.ready();
    if (this.stalled.has(`out${n}`)) return { bytesWritten: 0, status: 'stall' };
    const address = n;
    this.writes.push({ endpoint: address, data: Uint8Array.from(data) });
    if (!this.opts.sim) return { bytesWritten: data.length, status: 'ok' };
    if (this.opts.layout === 'bulk-4ep') {
      if (n === 2) {
        this.header = data.length === 7 && PRE.every((v, i) => data[i] === v) ? Uint8Array.from(data) : undefined;
      } else if (n === 6 && this.header) {
        const frame = new Uint8Array(7 + data.length);
        frame.set(this.header);
        frame.set(data, 7);
        this.header = undefined;
        this.answer(frame, 0x81, 0x85);
      }
    } else if (this.opts.layout === 'bulk-2ep' && n === 1) {
      this.answer(Uint8Array.from(data), 0x82, 0x82);
    }
    return { bytesWritten: data.length, status: 'ok' };
  }

  async transferIn(n: number, length: number, timeout = 1000): Promise<UsbInResult> {
    this.alive();
    this.ready();
    const address = 0x80 | n;
    if (this.stalled.has(`in${n}`)) return { status: 'stall' };
    const end = Date.now() + timeout;
    for (;;) {
      const q = this.queues.get(address);
      if (q?.length && Date.now() >= this.readyAt) return { data: this.take(q, length), status: 'ok' };
      const left = Math.min(end, q?.length ? this.readyAt : end) - Date.now();
      if (Date.now() >= end) throw new Error('Transfer timed out');
      await new Promise<void>((resolve) => {
        const w: Waiter = { resolve: () => (this.waiters.delete(w), clearTimeout(t), resolve()) };
        const t = setTimeout(w.resolve, Math.max(1, left));
        this.waiters.add(w);
      });
      this.alive();
    }
  }

  private take(q: Uint8Array[], length: number): DataView {
    // Whole packets up to the requested length; a short packet ends the transfer.
    const parts: Uint8Array[] = [];
    let n = 0;
    const ps = this.opts.packetSize ?? 64;
    while (q.length && n + q[0]!.length <= Math.max(length, ps)) {
      const p = q.shift()!;
      parts.push(p);
      n += p.length;
      if (p.length < ps || n >= length) break;
    }
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return new DataView(out.buffer);
  }

  private answer(frame: Uint8Array, headerEp: number, bodyEp: number): void {
    const body = commandBody(frame);
    const raw = body && this.opts.sim!.respond(body);
    if (!raw) return;
    const reply = this.opts.mangle ? this.opts.mangle(raw) : raw;
    const ps = this.opts.packetSize ?? 64;
    const lead = new Uint8Array(this.opts.leadingZeros ?? 0);
    this.readyAt = Date.now() + (this.opts.busyMs ?? 0);
    if (headerEp === bodyEp) {
      const all = new Uint8Array(lead.length + reply.length);
      all.set(lead);
      all.set(reply, lead.length);
      this.queues.set(headerEp, cut(all, ps, false));
    } else {
      this.queues.set(headerEp, cut(Uint8Array.from([...lead, ...reply.subarray(0, 7)]), ps, false));
      if (reply.length > 7) this.queues.set(bodyEp, cut(reply.subarray(7), ps, false));
      else this.queues.delete(bodyEp);
    }
    for (const w of this.waiters) w.resolve();
  }

  private ready(): void {
    if (!this.configuration) throw new Error('no configuration selected');
  }

  private alive(): void {
    if (this.gone) throw new Error('Device disconnected (os error 19)');
  }
}

/** The `usb` package's WebUSB object over simulated devices, with hot-plug. */
export class SimUsb implements UsbLike {
  private readonly listeners = {
    connect: new Set<(ev: UsbConnectionEventLike) => void>(),
    disconnect: new Set<(ev: UsbConnectionEventLike) => void>(),
  };
  constructor(readonly devices: SimUsbDevice[] = []) {}

  async getDevices(): Promise<UsbDeviceLike[]> {
    return [...this.devices];
  }
  addEventListener(type: 'connect' | 'disconnect', l: (ev: UsbConnectionEventLike) => void): void {
    this.listeners[type].add(l);
  }
  removeEventListener(type: 'connect' | 'disconnect', l: (ev: UsbConnectionEventLike) => void): void {
    this.listeners[type].delete(l);
  }
  plug(d: SimUsbDevice): void {
    this.devices.push(d);
    for (const l of this.listeners.connect) l({ device: d });
  }
  unplug(d: SimUsbDevice): void {
    d.unplug();
    this.devices.splice(this.devices.indexOf(d), 1);
    for (const l of this.listeners.disconnect) l({ device: d });
  }
  get listenerCount(): number {
    return this.listeners.connect.size + this.listeners.disconnect.size;
  }
}
