import { ReaderError } from '../errors';
import { HEADER_LEN } from '../frame/codec';
import type { Bulk2Spec, Bulk4Spec } from '../table/schema';
import { isGone, isTimeout, usbOpenError } from './open-errors';
import { Reassembler } from './reassembly';
import { TransportBase, type TransportInfo } from './types';
import {
  currentConfiguration,
  endpointAddress,
  endpointOf,
  type UsbDeviceLike,
  type UsbDirection,
  type UsbInterfaceLike,
} from './usb-binding';

export interface UsbBulkOptions {
  device: UsbDeviceLike;
  vidPid: string;
  spec: Bulk4Spec | Bulk2Spec;
  label?: string;
  /** How long one reply may take in all; the client's own timeout is usually shorter. */
  replyTimeoutMs?: number;
  /** Timeout of each IN transfer; the read loop repeats until replyTimeoutMs. */
  pollMs?: number;
  /** Test seam for the settle wait. */
  sleep?: (ms: number) => Promise<void>;
}

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Pipes {
  iface: number;
  out: number[];
  in: number[];
}

/**
 * A vendor-specific bulk reader through the `usb` package. Four-endpoint layout: preamble + LEN
 * out on one pipe and CMD PARA DATA CHK on another, the reply's header and body in on two more.
 * Two-endpoint layout: the whole frame out, the reply read in packets until LEN + 7 bytes.
 * Every exchange is write then read: the reader never sends unasked, so the read runs only
 * while a reply is awaited and ends at the frame's length, a timeout, a stall or an unplug.
 */
export class UsbBulkTransport extends TransportBase {
  readonly info: TransportInfo;
  private pipes?: Pipes;
  private readonly reasm = new Reassembler();
  private closedByUs = false;
  private exchange = 0;

  constructor(private readonly opts: UsbBulkOptions) {
    super();
    this.info = {
      kind: 'usb',
      id: `usb:${opts.vidPid}`,
      label: opts.label ?? `USB ${opts.vidPid}`,
      vidPid: opts.vidPid,
      transport: opts.spec.type,
    };
  }

  get isOpen(): boolean {
    return this.pipes !== undefined;
  }

  get device(): UsbDeviceLike {
    return this.opts.device;
  }

  async open(): Promise<void> {
    if (this.pipes) return;
    this.closedByUs = false;
    const d = this.opts.device;
    const what = `Cannot open USB reader ${this.opts.vidPid}`;
    try {
      if (!d.opened) await d.open();
      if (!d.configuration && d.configurations[0]) await d.selectConfiguration(d.configurations[0].configurationValue);
      const pipes = resolvePipes(d, this.opts.spec);
      await d.claimInterface(pipes.iface);
      this.pipes = pipes;
    } catch (e) {
      await d.close().catch(() => undefined);
      throw usbOpenError(e, this.opts.vidPid, what);
    }
  }

  async close(): Promise<void> {
    this.closedByUs = true;
    await this.drop(undefined);
  }

  /** Called by hot-plug when this device went away. */
  unplugged(): void {
    void this.drop(
      new ReaderError('TRANSPORT_CLOSED', `USB reader ${this.opts.vidPid} was unplugged; plug it back in.`),
    );
  }

  async write(frame: Uint8Array): Promise<void> {
    const p = this.pipes;
    if (!p) throw new ReaderError('TRANSPORT_CLOSED', `USB reader ${this.opts.vidPid} is not open; plug it in.`);
    const id = ++this.exchange;
    this.reasm.reset();
    try {
      if (this.opts.spec.type === 'usb-bulk-4ep') {
        await this.out(p.out[0]!, frame.subarray(0, HEADER_LEN));
        await this.out(p.out[1]!, frame.subarray(HEADER_LEN));
      } else {
        await this.out(p.out[0]!, frame);
      }
    } catch (e) {
      throw this.transferFailed(e, 'TRANSPORT_WRITE_FAILED', 'Sending to');
    }
    // The reply is read in the background; the client waits for it with its own timeout.
    void this.readReply(id);
  }

  private async out(address: number, data: Uint8Array): Promise<void> {
    const ep = endpointOf(address);
    const r = await this.opts.device.transferOut(ep.number, data, this.opts.pollMs ?? 1000);
    if (r.status === 'stall') {
      await this.clearHalt('out', ep.number);
      throw new ReaderError(
        'USB_STALL',
        `USB reader ${this.opts.vidPid}: OUT endpoint 0x${address.toString(16)} stalled; cleared, the command is retried.`,
      );
    }
  }

  private async readReply(id: number): Promise<void> {
    const spec = this.opts.spec;
    const deadline = Date.now() + (this.opts.replyTimeoutMs ?? 4000);
    if (spec.settleMs > 0) await (this.opts.sleep ?? sleepReal)(spec.settleMs);
    const pipes = this.pipes;
    if (!pipes || id !== this.exchange) return;
    const [headerIn, bodyIn] =
      spec.type === 'usb-bulk-4ep' ? [pipes.in[0]!, pipes.in[1]!] : [pipes.in[0]!, pipes.in[0]!];
    const done = this.reasm.completed + this.reasm.refused;
    try {
      // Header first (its own pipe on the 4-endpoint layout), then the body until LEN + 7.
      while (id === this.exchange && this.pipes && this.reasm.completed + this.reasm.refused === done) {
        if (Date.now() > deadline) {
          const t = this.reasm.reset();
          if (t) this.emit('error', t);
          return;
        }
        const collecting = this.reasm.collecting;
        const chunk = await this.in(
          collecting ? bodyIn : headerIn,
          collecting ? roundUp(Math.min(this.reasm.owed, 4096), spec.packetSize) : spec.packetSize,
        );
        if (!chunk || chunk.length === 0 || id !== this.exchange) continue;
        for (const part of this.reasm.push(chunk)) this.emit('data', part);
      }
    } catch (e) {
      if (id !== this.exchange || !this.pipes) return;
      const err = this.transferFailed(e, 'FRAME_TRUNCATED', 'Reading from');
      if (err.code !== 'TRANSPORT_CLOSED') this.emit('error', err);
    }
  }

  /** One IN transfer; undefined when it timed out with nothing (the loop tries again). */
  private async in(address: number, length: number): Promise<Uint8Array | undefined> {
    const ep = endpointOf(address);
    let r;
    try {
      r = await this.opts.device.transferIn(ep.number, length, this.opts.pollMs ?? 200);
    } catch (e) {
      if (isTimeout(e)) return undefined;
      throw e;
    }
    if (r.status === 'stall') {
      await this.clearHalt('in', ep.number);
      throw new ReaderError(
        'USB_STALL',
        `USB reader ${this.opts.vidPid}: IN endpoint 0x${address.toString(16)} stalled; cleared, the command is retried.`,
      );
    }
    const v = r.data;
    return v ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : undefined;
  }

  private async clearHalt(direction: UsbDirection, n: number): Promise<void> {
    await this.opts.device.clearHalt(direction, n).catch(() => undefined);
  }

  /** A failed transfer: an unplug closes the transport, anything else is reported with its code. */
  private transferFailed(e: unknown, code: 'TRANSPORT_WRITE_FAILED' | 'FRAME_TRUNCATED', verb: string): ReaderError {
    if (e instanceof ReaderError) return e;
    const detail = e instanceof Error ? e.message : String(e);
    if (isGone(e)) {
      const err = new ReaderError(
        'TRANSPORT_CLOSED',
        `USB reader ${this.opts.vidPid} was unplugged (${detail}); plug it back in.`,
        { cause: e },
      );
      void this.drop(err);
      return err;
    }
    return new ReaderError(code, `${verb} USB reader ${this.opts.vidPid} failed: ${detail}`, { cause: e });
  }

  private async drop(reason: ReaderError | undefined): Promise<void> {
    const p = this.pipes;
    if (!p) return;
    this.pipes = undefined;
    this.exchange++;
    this.reasm.reset();
    const d = this.opts.device;
    await d.releaseInterface(p.iface).catch(() => undefined);
    await d.close().catch(() => undefined);
    this.emit('close', this.closedByUs ? undefined : reason);
  }
}

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/** The interface and endpoint addresses a layout uses, checked against the device's descriptors. */
export function resolvePipes(d: UsbDeviceLike, spec: Bulk4Spec | Bulk2Spec): Pipes {
  const cfg = currentConfiguration(d);
  if (!cfg) throw new Error('device has no configuration');
  const iface = pickInterface(cfg.interfaces, spec);
  if (!iface) throw new Error(`no interface with the endpoints of layout ${spec.type}`);
  const eps = iface.alternate.endpoints;
  if (spec.type === 'usb-bulk-4ep')
    return { iface: iface.interfaceNumber, out: [spec.outHeader, spec.outBody], in: [spec.inHeader, spec.inBody] };
  const out = spec.out ?? eps.find((e) => e.direction === 'out' && e.type !== 'isochronous');
  const inn = spec.in ?? eps.find((e) => e.direction === 'in' && e.type !== 'isochronous');
  if (out === undefined || inn === undefined) throw new Error('interface lacks an OUT or IN endpoint');
  return {
    iface: iface.interfaceNumber,
    out: [typeof out === 'number' ? out : endpointAddress(out)],
    in: [typeof inn === 'number' ? inn : endpointAddress(inn)],
  };
}

/** Which layout an interface matches, read from its endpoint descriptors only (nothing is sent). */
export function layoutOf(iface: UsbInterfaceLike, spec4?: Bulk4Spec): 'usb-bulk-4ep' | 'usb-bulk-2ep' | undefined {
  const eps = iface.alternate.endpoints.filter((e) => e.type === 'bulk' || e.type === 'interrupt');
  const has = (a: number) => eps.some((e) => endpointAddress(e) === a);
  if (spec4 && [spec4.outHeader, spec4.outBody, spec4.inHeader, spec4.inBody].every(has)) return 'usb-bulk-4ep';
  if (eps.some((e) => e.direction === 'out') && eps.some((e) => e.direction === 'in')) return 'usb-bulk-2ep';
  return undefined;
}

function pickInterface(list: UsbInterfaceLike[], spec: Bulk4Spec | Bulk2Spec): UsbInterfaceLike | undefined {
  const usable = (i: UsbInterfaceLike) =>
    spec.type === 'usb-bulk-4ep' ? layoutOf(i, spec) === 'usb-bulk-4ep' : layoutOf(i) !== undefined;
  if (spec.interface !== undefined) return list.find((i) => i.interfaceNumber === spec.interface && usable(i));
  // Unset: a vendor-class (0xFF) interface first, since a composite reader may also expose HID.
  return list.find((i) => i.alternate.interfaceClass === 0xff && usable(i)) ?? list.find(usable);
}
