import { describe, expect, it } from 'vitest';
import { encodeCommand, encodeResponse, fromHex, toHex } from '../../../native/id-reader/frame/codec';
import { FrameDecoder, type DecodeEvent } from '../../../native/id-reader/frame/decoder';
import { randomBytes, randomChunks, rng } from '../../helpers/rng';

const frames = (ev: DecodeEvent[]) =>
  ev.filter((e) => e.type === 'frame').map((e) => toHex((e as { body: Uint8Array }).body));
const errors = (ev: DecodeEvent[]) =>
  ev.filter((e) => e.type === 'error').map((e) => (e as { error: { code: string } }).error.code);

const FIND_OK = encodeResponse(0x9f, new Uint8Array(4));
const NO_CARD = encodeResponse(0x80);
const BIG = encodeResponse(
  0x90,
  Uint8Array.from({ length: 1284 }, (_, i) => (i * 7) & 0xff),
);

describe('FrameDecoder', () => {
  it('reassembles a frame split byte by byte and at every boundary', () => {
    for (let cut = 1; cut < FIND_OK.length; cut++) {
      const d = new FrameDecoder();
      const ev = [...d.feed(FIND_OK.subarray(0, cut)), ...d.feed(FIND_OK.subarray(cut))];
      expect(frames(ev)).toEqual(['00 00 9F 00 00 00 00']);
      expect(errors(ev)).toEqual([]);
    }
    const d = new FrameDecoder();
    const ev = Array.from(BIG, (b) => d.feed(Uint8Array.of(b))).flat();
    expect(frames(ev)).toHaveLength(1);
    expect(d.buffered).toBe(0);
  });

  it('returns several frames from one chunk', () => {
    const all = Uint8Array.from([...FIND_OK, ...NO_CARD, ...encodeCommand('samStatus')]);
    expect(frames(new FrameDecoder().feed(all))).toEqual(['00 00 9F 00 00 00 00', '00 00 80', '11 FF']);
  });

  it('skips garbage between frames and reports it once as FRAME_GARBAGE', () => {
    const d = new FrameDecoder();
    const ev = d.feed(Uint8Array.from([0x01, 0xaa, 0xaa, 0x96, 0x13, ...NO_CARD, 0xde, 0xad, ...FIND_OK]));
    expect(frames(ev)).toEqual(['00 00 80', '00 00 9F 00 00 00 00']);
    expect(errors(ev)).toEqual(['FRAME_GARBAGE', 'FRAME_GARBAGE']);
  });

  it('finds a preamble that follows an extra AA', () => {
    const ev = new FrameDecoder().feed(Uint8Array.from([0xaa, ...NO_CARD]));
    expect(frames(ev)).toEqual(['00 00 80']);
  });

  it('rejects a bad checksum and resyncs onto the next frame', () => {
    const bad = NO_CARD.slice();
    bad[bad.length - 1]! ^= 1;
    const ev = new FrameDecoder().feed(Uint8Array.from([...bad, ...FIND_OK]));
    expect(errors(ev)).toEqual(['FRAME_BAD_CHECKSUM']);
    expect(frames(ev)).toEqual(['00 00 9F 00 00 00 00']);
  });

  it('recovers a frame swallowed by a truncated one (LEN points past it)', () => {
    const truncated = BIG.subarray(0, 40);
    const d = new FrameDecoder();
    const ev = d.feed(Uint8Array.from([...truncated, ...NO_CARD, ...randomBytes(rng(1), 1400), ...FIND_OK]));
    expect(errors(ev)[0]).toBe('FRAME_BAD_CHECKSUM');
    expect(frames(ev)).toEqual(['00 00 80', '00 00 9F 00 00 00 00']);
  });

  it('reports FRAME_TRUNCATED on reset while a frame is pending, nothing when idle', () => {
    const d = new FrameDecoder();
    expect(d.feed(BIG.subarray(0, 100))).toEqual([]);
    expect(d.reset()?.code).toBe('FRAME_TRUNCATED');
    expect(d.buffered).toBe(0);
    expect(d.reset()).toBeUndefined();
  });

  it('rejects LEN over the limit without buffering it, and LEN below 3', () => {
    const d = new FrameDecoder({ maxLen: 0x0a00 });
    const ev = d.feed(Uint8Array.from([...fromHex('AA AA AA 96 69 0A 01'), ...NO_CARD]));
    expect(errors(ev)).toEqual(['FRAME_TOO_LONG']);
    expect(frames(ev)).toEqual(['00 00 80']);
    const ev2 = d.feed(Uint8Array.from([...fromHex('AA AA AA 96 69 00 02 00 02'), ...NO_CARD]));
    expect(errors(ev2)).toEqual(['FRAME_BAD_LENGTH']);
    expect(frames(ev2)).toEqual(['00 00 80']);
  });

  it('accepts the largest legitimate reply (fingerprint, LEN 0x090A)', () => {
    const fp = encodeResponse(0x90, new Uint8Array(6 + 256 + 2048));
    expect(frames(new FrameDecoder().feed(fp))).toHaveLength(1);
  });

  it('holds at most one maximal frame, however much garbage arrives', () => {
    const d = new FrameDecoder();
    const r = rng(42);
    let maxHeld = 0;
    for (let i = 0; i < 200; i++) {
      d.feed(randomBytes(r, 5000).map((b) => (b === 0xaa ? 0x55 : b)));
      maxHeld = Math.max(maxHeld, d.buffered);
    }
    expect(maxHeld).toBeLessThanOrEqual(4);
    d.feed(BIG.subarray(0, 1000));
    expect(d.buffered).toBeLessThanOrEqual(7 + d.maxLen);
  });

  it('decodes a stream of frames cut at random points identically', () => {
    const r = rng(7);
    const stream = Uint8Array.from([...FIND_OK, ...BIG, ...NO_CARD, ...encodeCommand('readText'), ...BIG]);
    for (let round = 0; round < 50; round++) {
      const d = new FrameDecoder();
      const got = randomChunks(r, stream, 200).flatMap((c) => d.feed(c));
      expect(errors(got)).toEqual([]);
      expect(frames(got)).toHaveLength(5);
    }
  });
});
