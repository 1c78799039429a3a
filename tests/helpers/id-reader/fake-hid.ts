import { EventEmitter } from 'node:events';
import { FrameDecoder } from '../../../native/id-reader/frame/decoder';
import type { HidDeviceLike } from '../../../native/id-reader/transport/hid-binding';
import type { HidProfile } from '../../../native/id-reader/transport/hid-profile';
import { packInputReports } from '../../../native/id-reader/transport/hid-reports';
import type { Simulator } from '../../../native/id-reader/sim/simulator';

/**
 * A USB HID reader as node-hid's HIDAsync presents it (write/close/on('data')/on('error')),
 * backed by the simulator. It unwraps output reports by the profile and answers with input
 * reports, optionally split into more reads than needed to exercise reassembly.
 */
export class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  readonly written: Buffer[] = [];
  closed = false;
  private readonly decoder = new FrameDecoder();

  constructor(
    private readonly sim: Simulator,
    private readonly profile: HidProfile,
  ) {
    super();
  }

  async write(values: number[] | Buffer): Promise<number> {
    if (this.closed) throw new Error('Cannot write to hid device');
    const buf = Buffer.from(values as Buffer);
    this.written.push(buf);
    if (buf.length !== this.profile.reportSize + 1 || buf[0] !== this.profile.reportId) throw new Error(`bad report size ${buf.length}`);
    const report = buf.subarray(1);
    const n = this.profile.continuation === 'length-byte' ? report[this.profile.lengthByte!]! : report.length - this.profile.payloadOffset;
    const payload = report.subarray(this.profile.payloadOffset, this.profile.payloadOffset + n);
    for (const ev of this.decoder.feed(payload)) {
      if (ev.type !== 'frame') continue;
      const reply = this.sim.respond(ev.body);
      if (reply) for (const r of packInputReports(this.profile, reply)) setImmediate(() => !this.closed && this.emit('data', Buffer.from(r)));
    }
    return buf.length;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** node-hid signals an unplug as a read error. */
  unplug(): void {
    this.emit('error', new Error('could not read from HID device'));
  }
}
