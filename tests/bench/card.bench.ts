import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CardRead } from '../../native/id-reader/card';
import { encodeCommand, parseResponseBody } from '../../native/id-reader/frame/codec';
import { FrameDecoder } from '../../native/id-reader/frame/decoder';
import { parseCardDataReply } from '../../native/id-reader/frame/replies';
import { findCard, readCard, type Send } from '../../native/id-reader/manager/card-ops';
import { ReaderClient } from '../../native/id-reader/manager/client';
import { Simulator } from '../../native/id-reader/sim/simulator';
import { decodeCardText } from '../../native/id-reader/text/decode';
import { SerialTransport } from '../../native/id-reader/transport/serial';
import { hasSocat, startPtyPair } from '../helpers/id-reader/pty';
import { startPeer } from '../helpers/id-reader/sim-peer';
import { HidRawSpec } from '../../native/id-reader/table/schema';
import { lookupReader } from '../../native/id-reader/table/readers';
import { HidRawTransport } from '../../native/id-reader/transport/hid-raw';
import type { Transport } from '../../native/id-reader/transport/types';
import { UsbBulkTransport } from '../../native/id-reader/transport/usb-bulk';
import { SimHidDevice } from '../helpers/id-reader/fake-hid';
import { SimUsbDevice } from '../helpers/id-reader/fake-usb';
import type { BenchGroup, BenchResult } from './types';

const BITS_PER_BYTE = 10; // 8N1: start + 8 data + stop

function sampleReply(): Uint8Array {
  const sim = new Simulator();
  sim.place('resident-wang');
  sim.respond(encodeCommand('selectCard').subarray(7, -1));
  return sim.respond(encodeCommand('readText').subarray(7, -1))!;
}

/** Wire bytes of find + select + read text+photo: three 10-byte commands and their replies. */
function wireBytes(): number {
  const sim = new Simulator();
  sim.place('resident-wang');
  let n = 0;
  for (const c of ['findCard', 'selectCard', 'readText'] as const) {
    const cmd = encodeCommand(c);
    n += cmd.length + sim.respond(cmd.subarray(7, -1))!.length;
  }
  return n;
}

const decodeGroup: BenchGroup = {
  names: ['card.decode_per_s'],
  async run() {
    const reply = sampleReply();
    const d = new FrameDecoder();
    const now = new Date();
    const once = () => {
      const ev = d.feed(reply)[0];
      if (ev?.type !== 'frame') throw new Error('bench reply did not decode');
      const data = parseCardDataReply(parseResponseBody(ev.body).data, false);
      return new CardRead(decodeCardText(data.text, now), { photo: data.photo });
    };
    for (let i = 0; i < 2000; i++) once();
    let n = 0;
    const t0 = process.hrtime.bigint();
    const budget = 1_500_000_000n;
    while (process.hrtime.bigint() - t0 < budget) {
      for (let i = 0; i < 500; i++) once();
      n += 500;
    }
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    return [
      {
        name: 'card.decode_per_s',
        value: Math.round(n / secs),
        unit: 'replies/s',
        note: `frame decode + text decode of a ${reply.length}-byte 30 01 reply; target >= 20000`,
      },
    ];
  },
};

const ptyGroup: BenchGroup = {
  names: ['card.read_pty_ms_p50', 'card.read_wire_ms'],
  async run() {
    const wireMs = (wireBytes() * BITS_PER_BYTE * 1000) / 115200;
    const wire: BenchResult = {
      name: 'card.read_wire_ms',
      value: Number(wireMs.toFixed(1)),
      unit: 'ms',
      note: `${wireBytes()} bytes at 115200 8N1, excluding reader/SAM processing`,
    };
    if (!hasSocat)
      return [wire, { name: 'card.read_pty_ms_p50', value: NaN, unit: 'ms', note: 'skipped: socat not installed' }];
    const dir = mkdtempSync(join(tmpdir(), 'id-reader-bench-'));
    const pty = await startPtyPair(dir);
    const peer = await startPeer(pty.b, ['--card', 'resident-wang']);
    const t = new SerialTransport({ path: pty.a });
    try {
      await t.open();
      const client = new ReaderClient(t);
      const send: Send = (name, kind, data) => client.command(name, kind === 'read' ? 3000 : 1000, data);
      const times: number[] = [];
      for (let i = 0; i < 60; i++) {
        const t0 = performance.now();
        if (!(await findCard(send))) throw new Error('bench: simulator reported no card');
        await readCard(send, { fingerprint: false, addedAddress: false, now: new Date() });
        if (i >= 10) times.push(performance.now() - t0);
      }
      client.dispose();
      times.sort((a, b) => a - b);
      const p50 = times[Math.floor(times.length / 2)]!;
      return [
        {
          name: 'card.read_pty_ms_p50',
          value: Number(p50.toFixed(2)),
          unit: 'ms',
          note: `find+select+read over a socat pty to the sim-peer (pty has no baud limit; on a 115200 line the same bytes take ${wireMs.toFixed(1)} ms); target <= 50`,
        },
        wire,
      ];
    } finally {
      await t.close();
      await peer.stop();
      await pty.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** One simulated USB reader of each layout, opened through the real transport. */
function usbSimTransports(sim: Simulator): Array<[string, Transport]> {
  const spec = HidRawSpec.parse({ type: 'hid-raw', init: '55 AA 04 68 FF FF 93' });
  const hid = (variant: 'control' | 'interrupt'): Transport =>
    new HidRawTransport({
      path: 'sim',
      vidPid: '0425:8159',
      spec,
      variant,
      binding: { open: async () => new SimHidDevice(sim, { variant }) },
    });
  const t = lookupReader('0400:C35A')!.transports;
  const s4 = t.find((x) => x.type === 'usb-bulk-4ep')!;
  const s2 = t.find((x) => x.type === 'usb-bulk-2ep')!;
  if (s4.type !== 'usb-bulk-4ep' || s2.type !== 'usb-bulk-2ep')
    throw new Error('reader table lost its 0400:C35A layouts');
  // The 400 ms settle of the four-endpoint layout is time on the reader, like wire time: excluded here.
  const bulk = (layout: 'bulk-4ep' | 'bulk-2ep'): Transport =>
    new UsbBulkTransport({
      device: new SimUsbDevice({ vendorId: 0x0400, productId: 0xc35a, layout, sim }),
      vidPid: '0400:C35A',
      spec: { ...(layout === 'bulk-4ep' ? s4 : s2), settleMs: 0 },
    });
  return [
    ['hid-raw control', hid('control')],
    ['hid-raw interrupt', hid('interrupt')],
    ['usb-bulk-4ep', bulk('bulk-4ep')],
    ['usb-bulk-2ep', bulk('bulk-2ep')],
  ];
}

const usbSimGroup: BenchGroup = {
  names: ['card.read_usb_sim_ms_p50'],
  async run() {
    const sim = new Simulator();
    sim.place('resident-wang');
    const per: string[] = [];
    let worst = 0;
    for (const [name, t] of usbSimTransports(sim)) {
      await t.open();
      const client = new ReaderClient(t);
      const send: Send = (n, kind, data) => client.command(n, kind === 'read' ? 3000 : 1000, data);
      const times: number[] = [];
      for (let i = 0; i < 80; i++) {
        const t0 = performance.now();
        if (!(await findCard(send))) throw new Error(`bench: ${name} reported no card`);
        await readCard(send, { fingerprint: false, addedAddress: false, now: new Date() });
        if (i >= 20) times.push(performance.now() - t0);
      }
      client.dispose();
      await t.close();
      times.sort((a, b) => a - b);
      const p50 = times[Math.floor(times.length / 2)]!;
      worst = Math.max(worst, p50);
      per.push(`${name} ${p50.toFixed(2)}`);
    }
    return [
      {
        name: 'card.read_usb_sim_ms_p50',
        value: Number(worst.toFixed(2)),
        unit: 'ms',
        note: `slowest of the simulated USB transports (find+select+read, reports/packets through the real transports, no wire or settle time): ${per.join(' · ')}; target <= 20`,
      },
    ];
  },
};

export const groups: BenchGroup[] = [decodeGroup, ptyGroup, usbSimGroup];
