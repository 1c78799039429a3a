import { PREAMBLE } from '../frame/codec';
import type { HidProfile } from './hid-profile';

function readHasReportId(p: HidProfile): boolean {
  return p.readHasReportId ?? p.reportId !== 0;
}

/** Splits one SAM frame into the output reports to write, each led by its report id as node-hid expects. */
export function packReports(p: HidProfile, frame: Uint8Array): Uint8Array[] {
  const room = p.reportSize - p.payloadOffset;
  const perReport = p.continuation === 'length-byte' ? Math.min(room, 255) : room;
  const out: Uint8Array[] = [];
  for (let off = 0; off < frame.length; off += perReport) {
    const chunk = frame.subarray(off, off + perReport);
    const report = new Uint8Array(1 + p.reportSize);
    report[0] = p.reportId;
    if (p.continuation === 'length-byte') report[1 + p.lengthByte!] = chunk.length;
    report.set(chunk, 1 + p.payloadOffset);
    out.push(report);
  }
  return out;
}

/** Builds the input reports a device would send for a frame (the simulated device uses it). */
export function packInputReports(p: HidProfile, frame: Uint8Array): Uint8Array[] {
  const withId = readHasReportId(p);
  return packReports(p, frame).map((r) => (withId ? r : r.subarray(1)));
}

/** Turns input reports back into the byte stream the frame decoder expects. */
export class ReportUnpacker {
  private remaining = 0;

  constructor(private readonly p: HidProfile) {}

  /** Payload bytes of one input report; empty for padding-only reports. */
  unpack(raw: Uint8Array): Uint8Array {
    const report = readHasReportId(this.p) ? raw.subarray(1) : raw;
    const body = report.subarray(this.p.payloadOffset);
    if (this.p.continuation === 'length-byte') {
      const n = report[this.p.lengthByte!] ?? 0;
      // A length beyond the report is a corrupt report; pass what is there and let the frame decoder judge.
      return body.subarray(0, Math.min(n, body.length));
    }
    if (this.remaining === 0) {
      if (!startsWithPreamble(body) || body.length < PREAMBLE.length + 2) return body;
      this.remaining = PREAMBLE.length + 2 + ((body[5]! << 8) | body[6]!);
    }
    const take = Math.min(this.remaining, body.length);
    this.remaining -= take;
    return body.subarray(0, take);
  }

  reset(): void {
    this.remaining = 0;
  }
}

function startsWithPreamble(b: Uint8Array): boolean {
  for (let i = 0; i < PREAMBLE.length; i++) if (b[i] !== PREAMBLE[i]) return false;
  return true;
}
