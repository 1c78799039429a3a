import { ReaderError } from '../errors';

/** AA AA AA 96 69 | LEN(2, BE) | body | CHK — docs/reader-protocol.md. */
export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
export const HEADER_LEN = PREAMBLE.length + 2;
/** Largest LEN accepted; the biggest legitimate reply (text+photo+fingerprint) is 0x090A. */
export const DEFAULT_MAX_LEN = 0x0a00;

export const COMMANDS = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readText: [0x30, 0x01],
  readTextFingerprint: [0x30, 0x10],
  readAddedAddress: [0x30, 0x03],
  setMaxRfFrame: [0x61, 0xff],
} as const satisfies Record<string, readonly [number, number]>;

export type CommandName = keyof typeof COMMANDS;

export interface CommandBody {
  cmd: number;
  para: number;
  data: Uint8Array;
}

export interface ResponseBody {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

/** XOR over LEN and body; `bytes` is the frame without its preamble and without CHK. */
export function xorChecksum(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Wraps a body into a complete frame. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > 0xffff)
    throw new ReaderError('COMMAND_INVALID', `Frame body of ${body.length} bytes does not fit a 16-bit LEN.`);
  const out = new Uint8Array(HEADER_LEN + len);
  out.set(PREAMBLE, 0);
  out[5] = len >> 8;
  out[6] = len & 0xff;
  out.set(body, HEADER_LEN);
  out[out.length - 1] = xorChecksum(out, 5, out.length - 1);
  return out;
}

export function commandCode(name: CommandName): readonly [number, number] {
  return COMMANDS[name];
}

export function commandName(cmd: number, para: number): CommandName | undefined {
  for (const [name, [c, p]] of Object.entries(COMMANDS) as [CommandName, readonly [number, number]][]) {
    if (c === cmd && p === para) return name;
  }
  return undefined;
}

export function encodeCommand(name: CommandName, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const [cmd, para] = COMMANDS[name];
  if (name === 'setMaxRfFrame' && data.length !== 1) {
    throw new ReaderError('COMMAND_INVALID', `setMaxRfFrame takes exactly one data byte (got ${data.length}).`);
  }
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return encodeFrame(body);
}

export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

export function parseCommandBody(body: Uint8Array): CommandBody {
  if (body.length < 2)
    throw new ReaderError('REPLY_MALFORMED', `Command body of ${body.length} bytes is shorter than CMD PARA.`);
  return { cmd: body[0]!, para: body[1]!, data: body.subarray(2) };
}

export function parseResponseBody(body: Uint8Array): ResponseBody {
  if (body.length < 3) {
    throw new ReaderError(
      'REPLY_MALFORMED',
      `Reply body of ${body.length} bytes is shorter than SW1 SW2 SW3; place the card again.`,
    );
  }
  return { sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.subarray(3) };
}

/** Hex dump for test names and debug logs of protocol bytes (never of card data). */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  if (clean.length % 2 !== 0)
    throw new ReaderError('COMMAND_INVALID', `Hex string has an odd number of digits: ${hex}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}
