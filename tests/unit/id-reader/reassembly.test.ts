import { describe, expect, it } from 'vitest';
import { encodeResponse, toHex } from '../../../native/id-reader/frame/codec';
import { Reassembler } from '../../../native/id-reader/transport/reassembly';

const ok = encodeResponse(0x90); // AA AA AA 96 69 00 04 00 00 90 94
const hex = (parts: Uint8Array[]) => parts.map(toHex);
const pad = (b: Uint8Array, n = 64) => {
  const out = new Uint8Array(n);
  out.set(b);
  return out;
};

describe('Reassembler', () => {
  it('takes a frame from a zero-padded report and drops the padding', () => {
    expect(hex(new Reassembler().push(pad(ok)))).toEqual(['AA AA AA 96 69 00 04 00 00 90 94']);
  });
  it('skips leading zero bytes, even whole zero reports', () => {
    const r = new Reassembler();
    expect(r.push(new Uint8Array(64))).toEqual([]);
    expect(hex(r.push(pad(Uint8Array.from([0, 0, 0, ...ok]))))).toEqual([toHex(ok)]);
  });
  it('joins a header split anywhere and continuation reports that carry no header', () => {
    const big = encodeResponse(
      0x90,
      Uint8Array.from({ length: 1284 }, (_, i) => (i * 7) & 0xff),
    );
    expect(big.length).toBe(1295);
    for (const at of [1, 3, 5, 6, 7, 8]) {
      const r = new Reassembler();
      const first = r.push(big.subarray(0, at));
      const rest: Uint8Array[] = [];
      for (let off = at; off < big.length; off += 64) rest.push(...r.push(pad(big.subarray(off, off + 64))));
      expect(first).toEqual([]);
      expect(rest).toHaveLength(1);
      expect(Buffer.compare(Buffer.from(rest[0]!), Buffer.from(big))).toBe(0);
    }
  });
  it('1,295 bytes in 64-byte reports are 21 reports', () => {
    expect(Math.ceil(1295 / 64)).toBe(21);
  });
  it('finds a preamble that starts inside a run of AA bytes', () => {
    expect(hex(new Reassembler().push(Uint8Array.from([0xaa, ...ok])))).toEqual(['AA', toHex(ok)]);
  });
  it('hands on non-zero bytes that are not a frame, so the decoder can report them', () => {
    expect(hex(new Reassembler().push(Uint8Array.from([0x12, 0x34, ...ok])))).toEqual(['12', '34', toHex(ok)]);
  });
  it('passes a header with an impossible LEN on as is, without waiting for its body', () => {
    const r = new Reassembler();
    expect(hex(r.push(Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, 1, 2])))).toEqual([
      'AA AA AA 96 69 FF FF',
      '01',
      '02',
    ]);
    expect(r.refused).toBe(1);
  });
  it('reports a frame cut off when reset, and nothing when idle', () => {
    const r = new Reassembler();
    r.push(ok.subarray(0, 9));
    expect(r.owed).toBe(2);
    expect(r.reset()?.code).toBe('FRAME_TRUNCATED');
    expect(r.reset()).toBeUndefined();
  });
});
