import { describe, expect, it } from 'vitest';
import { ReaderError } from '../../../native/id-reader/errors';
import { encodeCommand, encodeResponse, type CommandName } from '../../../native/id-reader/frame/codec';
import { FrameDecoder } from '../../../native/id-reader/frame/decoder';
import { ReaderClient } from '../../../native/id-reader/manager/client';
import { Simulator } from '../../../native/id-reader/sim/simulator';
import { HidRawSpec, type Bulk2Spec, type Bulk4Spec } from '../../../native/id-reader/table/schema';
import { HidRawTransport } from '../../../native/id-reader/transport/hid-raw';
import { Reassembler } from '../../../native/id-reader/transport/reassembly';
import type { Transport } from '../../../native/id-reader/transport/types';
import { UsbBulkTransport } from '../../../native/id-reader/transport/usb-bulk';
import { SimHidDevice } from '../../helpers/id-reader/fake-hid';
import { cut } from '../../helpers/id-reader/frame-peek';
import { SimUsbDevice } from '../../helpers/id-reader/fake-usb';
import { randInt, randomBytes, rng, testSeed } from '../../helpers/rng';

const SEED = testSeed('usb boundary fuzz');
const SYNC_CASES = 100_000;
const DEVICE_CASES = 3_000;
const TYPED = new Set([
  'FRAME_BAD_CHECKSUM',
  'FRAME_BAD_LENGTH',
  'FRAME_TOO_LONG',
  'FRAME_GARBAGE',
  'FRAME_TRUNCATED',
  'COMMAND_TIMEOUT',
  'TRANSPORT_CLOSED',
  'USB_STALL',
  'REPLY_MALFORMED',
  'TRANSPORT_WRITE_FAILED',
]);

const sim = new Simulator();
sim.place('resident-wang');
const ask = (c: CommandName) => sim.respond(encodeCommand(c).subarray(7, -1))!;
ask('findCard');
const REPLIES = [
  encodeResponse(0x9f, new Uint8Array(4)),
  encodeResponse(0x80),
  encodeResponse(0x90),
  ask('selectCard'),
  ask('readText'),
  ask('readTextFingerprint'),
];

type Shape = 'hid-reports' | 'bulk-packets' | 'random-splits' | 'header-split' | 'one-read';
const SHAPES: Shape[] = ['hid-reports', 'bulk-packets', 'random-splits', 'header-split', 'one-read'];
type Damage = 'none' | 'none' | 'none' | 'truncated' | 'bitflip' | 'garbage-before' | 'short-len';

/** The reply as the host's reads would deliver it: leading zeros, then chunks of the given shape. */
function chunksOf(r: () => number, stream: Uint8Array, shape: Shape): Uint8Array[] {
  switch (shape) {
    case 'hid-reports':
      return cut(stream, 64, true);
    case 'bulk-packets':
      return cut(stream, [8, 16, 32, 64, 512][randInt(r, 5)]!, false);
    case 'one-read':
      return [stream];
    case 'header-split': {
      const at = 1 + randInt(r, Math.min(stream.length - 1, 12));
      return [stream.subarray(0, at), ...cut(stream.subarray(at), 64, randInt(r, 2) === 0)];
    }
    default: {
      const out: Uint8Array[] = [];
      for (let i = 0; i < stream.length;) {
        const n = randInt(r, 4) === 0 ? randInt(r, 3) : 1 + randInt(r, 130); // includes empty (zero-length) reads
        out.push(stream.subarray(i, i + n));
        i += n;
      }
      return out;
    }
  }
}

describe(`USB report/packet boundary fuzz (seed ${SEED}; replay with TEST_SEED=${SEED})`, () => {
  it(`${SYNC_CASES.toLocaleString('en')} replies cut at random boundaries: intact ones come out exact, damaged ones give typed errors`, () => {
    console.info(`id-reader USB boundary fuzz seed ${SEED}`);
    const r = rng(SEED);
    const counts = { exact: 0, typed: 0, truncatedSeen: 0 };
    for (let i = 0; i < SYNC_CASES; i++) {
      const reply = REPLIES[randInt(r, REPLIES.length)]!;
      const damage = (['none', 'none', 'none', 'truncated', 'bitflip', 'garbage-before', 'short-len'] as Damage[])[
        randInt(r, 7)
      ]!;
      let body = reply.slice();
      if (damage === 'truncated') body = body.subarray(0, randInt(r, body.length));
      if (damage === 'bitflip') body[5 + randInt(r, body.length - 5)]! ^= 1 << randInt(r, 8);
      if (damage === 'short-len') body[5] = body[6] = 0;
      const lead = randInt(r, 3) === 0 ? randInt(r, 200) : randInt(r, 4);
      const garbage =
        damage === 'garbage-before'
          ? randomBytes(r, 1 + randInt(r, 10)).map((b) => (b === 0 || b === 0xaa ? 1 : b))
          : new Uint8Array(0);
      const stream = new Uint8Array(lead + garbage.length + body.length);
      stream.set(garbage, lead);
      stream.set(body, lead + garbage.length);
      const reasm = new Reassembler();
      const dec = new FrameDecoder();
      const frames: Uint8Array[] = [];
      const errors: ReaderError[] = [];
      for (const c of chunksOf(r, stream, SHAPES[randInt(r, SHAPES.length)]!)) {
        for (const part of reasm.push(c)) {
          for (const ev of dec.feed(part)) {
            if (ev.type === 'frame') frames.push(ev.body);
            else errors.push(ev.error);
          }
        }
        if (dec.buffered > 7 + dec.maxLen)
          throw new Error(`case ${i} (seed ${SEED}): decoder holds ${dec.buffered} bytes`);
      }
      const end = reasm.reset() ?? dec.reset();
      if (end) errors.push(end);
      for (const e of errors)
        if (!(e instanceof ReaderError) || !TYPED.has(e.code)) throw new Error(`case ${i}: untyped error ${String(e)}`);
      if (damage === 'none') {
        if (
          frames.length !== 1 ||
          Buffer.compare(Buffer.from(frames[0]!), Buffer.from(reply.subarray(7, -1))) !== 0 ||
          errors.length
        )
          throw new Error(`case ${i} (seed ${SEED}): intact reply not delivered exactly`);
        counts.exact++;
      } else if (damage === 'garbage-before') {
        // The garbage is reported, and the frame behind it still arrives.
        if (frames.length !== 1 || !errors.some((e) => e.code === 'FRAME_GARBAGE'))
          throw new Error(`case ${i} (seed ${SEED}): garbage before a frame mishandled`);
        counts.exact++;
      } else {
        if (frames.length > 0 && damage !== 'bitflip')
          throw new Error(`case ${i} (seed ${SEED}): a ${damage} reply produced a frame`);
        // A cut-off reply is reported: FRAME_TRUNCATED, or (when zero padding filled the owed bytes) a failed checksum.
        if (damage === 'truncated' && body.length >= 5 && errors.length === 0)
          throw new Error(`case ${i} (seed ${SEED}): truncation not reported`);
        if (damage === 'truncated' && errors.some((e) => e.code === 'FRAME_TRUNCATED')) counts.truncatedSeen++;
        counts.typed++;
      }
    }
    expect(counts.exact).toBeGreaterThan(SYNC_CASES / 3);
    expect(counts.typed).toBeGreaterThan(SYNC_CASES / 3);
    expect(counts.truncatedSeen).toBeGreaterThan(1000);
  });

  it(`${DEVICE_CASES.toLocaleString('en')} exchanges with the simulated devices: short reads, stalls, unplugs, cut replies — typed errors only, never a hang`, async () => {
    const r = rng(SEED ^ 0x9e3779b9);
    const outcome = new Map<string, number>();
    const note = (k: string) => outcome.set(k, (outcome.get(k) ?? 0) + 1);
    for (let i = 0; i < DEVICE_CASES; i++) {
      const kind = (['hid-control', 'hid-interrupt', 'bulk-4ep', 'bulk-2ep'] as const)[randInt(r, 4)]!;
      const fault = (['none', 'none', 'lead', 'short-packets', 'cut', 'stall-in', 'stall-out', 'unplug'] as const)[
        randInt(r, 8)
      ]!;
      if (kind.startsWith('hid') && (fault === 'stall-in' || fault === 'stall-out' || fault === 'short-packets'))
        continue;
      const lead = fault === 'lead' ? randInt(r, 150) : 0;
      const cutAt = randInt(r, 60);
      const mangle = fault === 'cut' ? (b: Uint8Array) => b.subarray(0, Math.min(cutAt, b.length - 1)) : undefined;
      let t: Transport;
      let dev: SimUsbDevice | SimHidDevice;
      if (kind.startsWith('hid')) {
        const h = new SimHidDevice(sim, {
          variant: kind === 'hid-control' ? 'control' : 'interrupt',
          leadingZeros: lead,
          ...(mangle ? { mangle } : {}),
        });
        dev = h;
        t = new HidRawTransport({
          path: 'sim',
          vidPid: '0425:8159',
          spec: HidRawSpec.parse({ type: 'hid-raw' }),
          variant: 'control',
          binding: { open: async () => h },
        });
      } else {
        const u = new SimUsbDevice({
          vendorId: 0x0400,
          productId: 0xc35a,
          layout: kind as 'bulk-4ep' | 'bulk-2ep',
          sim,
          leadingZeros: lead,
          packetSize: fault === 'short-packets' ? 8 : 64,
          busyMs: fault === 'unplug' ? 8 : 0,
          ...(mangle ? { mangle } : {}),
        });
        dev = u;
        const spec: Bulk4Spec | Bulk2Spec =
          kind === 'bulk-4ep'
            ? {
                type: 'usb-bulk-4ep',
                interface: 0,
                outHeader: 2,
                outBody: 6,
                inHeader: 0x81,
                inBody: 0x85,
                packetSize: u.opts.packetSize!,
                settleMs: 0,
              }
            : { type: 'usb-bulk-2ep', packetSize: u.opts.packetSize!, settleMs: 0 };
        t = new UsbBulkTransport({ device: u, vidPid: '0400:C35A', spec, replyTimeoutMs: 40, pollMs: 5 });
        if (fault === 'stall-in') u.stall('in', kind === 'bulk-4ep' ? 1 : 2);
        if (fault === 'stall-out') u.stall('out', kind === 'bulk-4ep' ? 6 : 1);
      }
      await t.open();
      const client = new ReaderClient(t);
      const cmd: CommandName = randInt(r, 3) === 0 ? 'readText' : 'findCard';
      // Cases that must succeed get a timeout no loaded machine misses; cut replies end by a short one.
      const mustSucceed = fault === 'none' || fault === 'lead' || fault === 'short-packets';
      const p = client.command(cmd, mustSucceed ? 1500 : 25);
      // USB: while the reader is still busy with the reply; HID: between the command and its reports.
      if (fault === 'unplug') {
        if (dev instanceof SimUsbDevice) setTimeout(() => dev.unplug(), randInt(r, 6));
        else queueMicrotask(() => dev.unplug());
      }
      const guard = new Promise<'hang'>((res) => setTimeout(() => res('hang'), 5000));
      const got = await Promise.race([
        p.then(
          () => 'ok' as const,
          (e: unknown) => e,
        ),
        guard,
      ]);
      if (got === 'hang') throw new Error(`case ${i} (seed ${SEED}): ${kind}/${fault} hung`);
      if (got !== 'ok' && (!(got instanceof ReaderError) || !TYPED.has(got.code)))
        throw new Error(`case ${i} (seed ${SEED}): ${kind}/${fault} gave an untyped error: ${String(got)}`);
      note(`${fault}:${got === 'ok' ? 'ok' : (got as ReaderError).code}`);
      if (mustSucceed) expect(got, `case ${i} ${kind}/${fault}`).toBe('ok');
      client.dispose();
      await t.close();
    }
    console.info(`device fuzz outcomes: ${JSON.stringify(Object.fromEntries([...outcome].sort()))}`);
    expect(outcome.get('stall-in:USB_STALL') ?? 0).toBeGreaterThan(0);
    expect(outcome.get('unplug:TRANSPORT_CLOSED') ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
