import { EventEmitter } from 'node:events';
import type { HidBinding, HidDeviceInfo } from '../../../native/id-reader/transport/hid-binding';
import type { PadDeviceLike } from '../../../native/signature-pad/hid-pad';
import { encodePenReport, type PenPoint } from '../../../native/signature-pad/stu-decoder';

/**
 * A Wacom STU style pad as node-hid's HIDAsync presents it: feature reports in (clear 0x20, ink
 * 0x21), pen reports out as 'data' events while ink is on. Like the ID reader's SimHidDevice, it
 * implements only the interface the driver uses, and records what the driver sent.
 */
export class SimStuPad extends EventEmitter implements PadDeviceLike {
  readonly features: number[][] = [];
  ink = false;
  closed = false;

  async write(values: number[] | Buffer): Promise<number> {
    if (this.closed) throw new Error('Cannot write to hid device');
    return Buffer.from(values as Buffer).length;
  }

  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    if (this.closed) throw new Error('Cannot send feature report');
    const bytes = [...Buffer.from(data as Buffer)];
    this.features.push(bytes);
    if (bytes[0] === 0x21) this.ink = bytes[1] === 1;
    return bytes.length;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** The pen moves: one report per point, as the pad sends them (at 200 Hz on a real one). */
  pen(points: PenPoint[]): void {
    for (const p of points) this.emit('data', Buffer.from(encodePenReport(p)));
  }

  /** Any bytes, as a confused or hostile device might send. */
  raw(bytes: Uint8Array): void {
    this.emit('data', Buffer.from(bytes));
  }

  unplug(): void {
    this.closed = true;
    this.emit('error', new Error('could not read from HID device'));
  }
}

/** node-hid's device list and open(), serving one simulated pad (and any other devices listed). */
export function simPadBinding(
  pad: SimStuPad,
  info: Partial<HidDeviceInfo> = {},
  others: HidDeviceInfo[] = [],
): HidBinding & {
  opened: string[];
} {
  const me: HidDeviceInfo = {
    vendorId: 0x056a,
    productId: 0x00a8,
    path: '/dev/hidraw-sim-pad',
    product: 'STU-540',
    ...info,
  };
  const opened: string[] = [];
  return {
    opened,
    async devices() {
      return [...others, me];
    },
    async open(path) {
      opened.push(path);
      if (path !== me.path) throw new Error(`cannot open ${path}`);
      return pad;
    },
  };
}
