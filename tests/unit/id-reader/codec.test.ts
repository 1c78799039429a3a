import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  encodeCommand,
  encodeResponse,
  fromHex,
  parseCommandBody,
  parseResponseBody,
  toHex,
  commandName,
  type CommandName,
} from '../../../native/id-reader/frame/codec';
import { FrameDecoder } from '../../../native/id-reader/frame/decoder';
import { listSw3Statuses, sw3Status } from '../../../native/id-reader/frame/status';
import { ReaderError } from '../../../native/id-reader/errors';

describe('frame codec: the worked frames of docs/reader-protocol.md', () => {
  it('encodes find card as AA AA AA 96 69 00 03 20 01 22', () => {
    expect(toHex(encodeCommand('findCard'))).toBe('AA AA AA 96 69 00 03 20 01 22');
  });
  it('encodes the find-card success reply', () => {
    expect(toHex(encodeResponse(0x9f, new Uint8Array(4)))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
  });
  it('encodes no-card and SAM status OK replies', () => {
    expect(toHex(encodeResponse(0x80))).toBe('AA AA AA 96 69 00 04 00 00 80 84');
    expect(toHex(encodeResponse(0x90))).toBe('AA AA AA 96 69 00 04 00 00 90 94');
  });
  it('gives a text+photo reply LEN 05 08 (1295 bytes) and with fingerprint LEN 09 0A (2321 bytes)', () => {
    const tp = encodeResponse(0x90, new Uint8Array(4 + 256 + 1024));
    expect(toHex(tp.subarray(5, 7))).toBe('05 08');
    expect(tp.length).toBe(1295);
    const fp = encodeResponse(0x90, new Uint8Array(6 + 256 + 1024 + 1024));
    expect(toHex(fp.subarray(5, 7))).toBe('09 0A');
    expect(fp.length).toBe(2321);
  });
});

describe('frame codec: every command', () => {
  const expected: Record<CommandName, string> = {
    resetSam: 'AA AA AA 96 69 00 03 10 FF EC',
    samStatus: 'AA AA AA 96 69 00 03 11 FF ED',
    samId: 'AA AA AA 96 69 00 03 12 FF EE',
    findCard: 'AA AA AA 96 69 00 03 20 01 22',
    selectCard: 'AA AA AA 96 69 00 03 20 02 21',
    readText: 'AA AA AA 96 69 00 03 30 01 32',
    readTextFingerprint: 'AA AA AA 96 69 00 03 30 10 23',
    readAddedAddress: 'AA AA AA 96 69 00 03 30 03 30',
    setMaxRfFrame: 'AA AA AA 96 69 00 04 61 FF 50 CA',
  };
  for (const name of Object.keys(COMMANDS) as CommandName[]) {
    it(`${name} encodes, decodes and round-trips`, () => {
      const frame = encodeCommand(name, name === 'setMaxRfFrame' ? Uint8Array.of(0x50) : undefined);
      expect(toHex(frame)).toBe(expected[name]);
      const ev = new FrameDecoder().feed(frame);
      expect(ev).toHaveLength(1);
      expect(ev[0]!.type).toBe('frame');
      const body = parseCommandBody((ev[0] as { body: Uint8Array }).body);
      expect(commandName(body.cmd, body.para)).toBe(name);
    });
  }
  it('rejects setMaxRfFrame without its data byte with a typed error', () => {
    expect(() => encodeCommand('setMaxRfFrame')).toThrow(ReaderError);
    try {
      encodeCommand('setMaxRfFrame');
    } catch (e) {
      expect((e as ReaderError).code).toBe('COMMAND_INVALID');
    }
  });
  it('parses a response body and refuses one shorter than SW1 SW2 SW3', () => {
    const r = parseResponseBody(fromHex('00 00 9F 01 02'));
    expect([r.sw1, r.sw2, r.sw3, toHex(r.data)]).toEqual([0, 0, 0x9f, '01 02']);
    expect(() => parseResponseBody(fromHex('00 00'))).toThrow(/shorter than SW1 SW2 SW3/);
  });
});

describe('SW3 status table', () => {
  it('has every status code of docs/reader-protocol.md with zh and en text', () => {
    const codes = [
      0x90, 0x9f, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81, 0x91, 0xff,
    ];
    expect(
      listSw3Statuses()
        .map((s) => s.sw3)
        .sort(),
    ).toEqual([...codes].sort());
    for (const c of codes) {
      const s = sw3Status(c);
      expect(s.key).not.toBe('unknown');
      expect(s.zh.length).toBeGreaterThan(1);
      expect(s.en.length).toBeGreaterThan(3);
    }
    expect(sw3Status(0x41).key).toBe('read_failed');
    expect(sw3Status(0x90).ok && sw3Status(0x9f).ok && !sw3Status(0x80).ok).toBe(true);
  });
  it('maps an unknown SW3 to a typed unknown status naming the byte', () => {
    const s = sw3Status(0x5a);
    expect(s).toMatchObject({ key: 'unknown', ok: false });
    expect(s.en).toContain('0x5A');
  });
});
