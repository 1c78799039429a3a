import { describe, expect, it } from 'vitest';
import { ReaderError } from '../../../native/id-reader/errors';
import { encodeCommand, encodeResponse, parseCommandBody, commandName } from '../../../native/id-reader/frame/codec';
import { FrameDecoder } from '../../../native/id-reader/frame/decoder';
import { ReaderManager } from '../../../native/id-reader/manager/manager';
import { Simulator } from '../../../native/id-reader/sim/simulator';
import { TransportBase, type TransportInfo } from '../../../native/id-reader/transport/types';
import { randInt, randomBytes, randomChunks, rng, testSeed } from '../../helpers/rng';
import { silentLogger } from '../../helpers/id-reader/wait';

const SEED = testSeed('id-reader fuzz');
const sim = new Simulator();
sim.place('resident-wang');
const sel = () => sim.respond(encodeCommand('selectCard').subarray(7, -1))!;
const SAMPLES: Uint8Array[] = [
  encodeResponse(0x9f, new Uint8Array(4)),
  encodeResponse(0x80),
  encodeResponse(0x90),
  sel(),
  sim.respond(encodeCommand('readText').subarray(7, -1))!,
  encodeCommand('findCard'),
  encodeResponse(0x41),
];

/** One random or mutated frame. */
function mutate(r: () => number): Uint8Array {
  const base = SAMPLES[randInt(r, SAMPLES.length)]!.slice();
  switch (randInt(r, 8)) {
    case 0:
      return base; // intact
    case 1: {
      for (let i = 0, n = 1 + randInt(r, 4); i < n; i++) base[randInt(r, base.length)]! ^= 1 << randInt(r, 8);
      return base;
    }
    case 2:
      return base.subarray(0, randInt(r, base.length)); // truncated
    case 3: {
      base[5] = randInt(r, 256); // LEN rewritten (may be huge)
      base[6] = randInt(r, 256);
      return base;
    }
    case 4: {
      const at = randInt(r, base.length);
      return Buffer.concat([base.subarray(0, at), randomBytes(r, 1 + randInt(r, 8)), base.subarray(at)]);
    }
    case 5:
      return randomBytes(r, randInt(r, 80));
    case 6: {
      const at = randInt(r, base.length);
      return Buffer.concat([base.subarray(0, at), base.subarray(at + 1 + randInt(r, 4))]);
    }
    default:
      return Buffer.concat([Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69), randomBytes(r, randInt(r, 20))]);
  }
}

const CODES = new Set(['FRAME_BAD_CHECKSUM', 'FRAME_BAD_LENGTH', 'FRAME_TOO_LONG', 'FRAME_GARBAGE', 'FRAME_TRUNCATED']);

describe(`fuzz (seed ${SEED}; replay with TEST_SEED=${SEED})`, () => {
  it('decoder: 100,000 random and mutated frames in random chunks, typed errors only, bounded buffer', () => {
    const r = rng(SEED);
    const d = new FrameDecoder();
    let frames = 0;
    let errs = 0;
    let maxHeld = 0;
    let untyped = 0;
    for (let i = 0; i < 100_000; i += 50) {
      const batch: Uint8Array[] = [];
      for (let j = 0; j < 50; j++) batch.push(mutate(r));
      for (const chunk of randomChunks(r, Buffer.concat(batch), 300)) {
        for (const ev of d.feed(chunk)) {
          if (ev.type === 'frame') frames++;
          else {
            if (!(ev.error instanceof ReaderError) || !CODES.has(ev.error.code)) untyped++;
            errs++;
          }
        }
        maxHeld = Math.max(maxHeld, d.buffered);
      }
    }
    expect(untyped).toBe(0);
    expect(maxHeld).toBeLessThanOrEqual(7 + d.maxLen);
    expect(frames).toBeGreaterThan(10_000); // intact frames keep getting through
    expect(errs).toBeGreaterThan(1000);
  });

  it('manager: 100,000 mutated reply frames over a transport, no crash, only typed errors', async () => {
    const r = rng(SEED ^ 0x5bd1e995);
    let fed = 0;
    class FuzzTransport extends TransportBase {
      readonly info: TransportInfo = { kind: 'simulator', id: 'fuzz', label: 'fuzz' };
      isOpen = false;
      async open() {
        this.isOpen = true;
      }
      async close() {
        this.isOpen = false;
        this.emit('close');
      }
      async write(data: Uint8Array) {
        const body = data.subarray(7, -1);
        const { cmd, para } = parseCommandBody(body);
        const good = sim.respond(body) ?? encodeResponse(0x90);
        const parts: Uint8Array[] = [];
        // A share of clean exchanges lets a whole find/select/read get through now and then.
        if (r() < 0.7) {
          for (let i = 0; i < 80; i++) parts.push(mutate(r));
          fed += 80;
        }
        if (r() < 0.8)
          parts.push(
            commandName(cmd, para) === 'findCard' && r() < 0.5 ? encodeResponse(0x9f, new Uint8Array(4)) : good,
          );
        const chunks = randomChunks(r, Buffer.concat(parts), 700);
        setImmediate(() => chunks.forEach((c) => this.isOpen && this.emit('data', c)));
      }
    }
    const m = new ReaderManager({
      discover: async () => ({
        candidates: [{ id: 'fuzz', kind: 'simulator', label: 'fuzz', create: () => new FuzzTransport() }],
        problems: [],
      }),
      pollIntervalMs: 0,
      commandTimeoutMs: 5,
      readTimeoutMs: 5,
      backoffInitialMs: 1,
      backoffMaxMs: 2,
      logger: silentLogger,
    });
    const seen: unknown[] = [];
    m.on('card-error', (e) => seen.push(e));
    m.on('status', (s) => s.code && seen.push(new ReaderError(s.code, s.message)));
    let placed = 0;
    m.on('card-placed', () => placed++);
    const heap0 = process.memoryUsage().heapUsed;
    m.start();
    const end = Date.now() + 20_000;
    while (fed < 100_000 && Date.now() < end) await new Promise((res) => setTimeout(res, 20));
    await m.stop();
    expect(fed).toBeGreaterThanOrEqual(100_000);
    expect(seen.every((e) => e instanceof ReaderError)).toBe(true);
    expect(placed).toBeGreaterThan(0);
    expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(200 * 1024 * 1024);
  }, 30_000);
});
