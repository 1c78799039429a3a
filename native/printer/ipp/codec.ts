import { Tag } from './constants';

/**
 * A deliberately small IPP/1.1 binary codec (RFC 8010 section 3): enough for the CUPS operations
 * the counter uses. Values are decoded to JS primitives; collections become nested objects.
 */
export type IppValue = string | number | boolean | IppCollection | { lower: number; upper: number } | Uint8Array | null;
export interface IppCollection {
  [member: string]: IppValue[];
}

export interface IppAttribute {
  tag: number;
  name: string;
  values: IppValue[];
}

export interface IppGroup {
  tag: number;
  attributes: IppAttribute[];
}

export interface IppMessage {
  version: [number, number];
  /** operation-id in requests, status-code in responses. */
  code: number;
  requestId: number;
  groups: IppGroup[];
}

export class IppDecodeError extends Error {
  constructor(message: string) {
    super(`Malformed IPP message: ${message}`);
    this.name = 'IppDecodeError';
  }
}

const TEXT_TAGS = new Set<number>([
  Tag.text,
  Tag.name,
  Tag.keyword,
  Tag.uri,
  Tag.uriScheme,
  Tag.charset,
  Tag.naturalLanguage,
  Tag.mimeMediaType,
  Tag.memberAttrName,
]);

// --- encoding ---------------------------------------------------------------------------------

function encodeValue(tag: number, value: IppValue): Buffer {
  if (tag === Tag.integer || tag === Tag.enum) {
    const b = Buffer.alloc(4);
    b.writeInt32BE(value as number);
    return b;
  }
  if (tag === Tag.boolean) return Buffer.from([value ? 1 : 0]);
  if (tag === Tag.noValue || tag === Tag.oobUnknown || tag === Tag.oobUnsupported) return Buffer.alloc(0);
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  throw new TypeError(`Cannot encode IPP value of tag 0x${tag.toString(16)}`);
}

function encodeAttribute(attr: IppAttribute): Buffer[] {
  const parts: Buffer[] = [];
  attr.values.forEach((value, i) => {
    const name = Buffer.from(i === 0 ? attr.name : '', 'utf8');
    const body = encodeValue(attr.tag, value);
    if (body.length > 0xffff || name.length > 0xffff) throw new RangeError(`IPP attribute ${attr.name} is too long`);
    const head = Buffer.alloc(3 + name.length + 2);
    head.writeUInt8(attr.tag, 0);
    head.writeUInt16BE(name.length, 1);
    name.copy(head, 3);
    head.writeUInt16BE(body.length, 3 + name.length);
    parts.push(head, body);
  });
  return parts;
}

export function encodeIpp(msg: IppMessage): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt8(msg.version[0], 0);
  head.writeUInt8(msg.version[1], 1);
  head.writeUInt16BE(msg.code, 2);
  head.writeUInt32BE(msg.requestId, 4);
  const parts: Buffer[] = [head];
  for (const group of msg.groups) {
    parts.push(Buffer.from([group.tag]));
    for (const attr of group.attributes) parts.push(...encodeAttribute(attr));
  }
  parts.push(Buffer.from([Tag.end]));
  return Buffer.concat(parts);
}

// --- decoding ---------------------------------------------------------------------------------

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  need(n: number): void {
    if (this.pos + n > this.buf.length) throw new IppDecodeError(`truncated at byte ${this.pos}`);
  }
  u8(): number {
    this.need(1);
    return this.buf.readUInt8(this.pos++);
  }
  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  peek(): number {
    this.need(1);
    return this.buf.readUInt8(this.pos);
  }
}

function decodeValue(tag: number, raw: Buffer): IppValue {
  switch (tag) {
    case Tag.integer:
    case Tag.enum:
      if (raw.length !== 4) throw new IppDecodeError(`integer of length ${raw.length}`);
      return raw.readInt32BE(0);
    case Tag.boolean:
      if (raw.length !== 1) throw new IppDecodeError(`boolean of length ${raw.length}`);
      return raw[0] !== 0;
    case Tag.rangeOfInteger:
      if (raw.length !== 8) throw new IppDecodeError(`range of length ${raw.length}`);
      return { lower: raw.readInt32BE(0), upper: raw.readInt32BE(4) };
    case Tag.textWithLanguage:
    case Tag.nameWithLanguage: {
      // language length + language + text length + text; the language is dropped.
      if (raw.length < 4) throw new IppDecodeError('short text-with-language');
      const langLen = raw.readUInt16BE(0);
      const textLen = raw.readUInt16BE(2 + langLen);
      return raw.subarray(4 + langLen, 4 + langLen + textLen).toString('utf8');
    }
    case Tag.noValue:
    case Tag.oobUnknown:
    case Tag.oobUnsupported:
      return null;
    default:
      return TEXT_TAGS.has(tag) || (tag >= 0x40 && tag <= 0x5f) ? raw.toString('utf8') : Uint8Array.from(raw);
  }
}

/** Reads a collection body after begCollection, up to and including its endCollection. */
function decodeCollection(r: Reader): IppCollection {
  const out: IppCollection = {};
  let member: string | undefined;
  for (;;) {
    const tag = r.u8();
    r.bytes(r.u16()); // names inside collections are empty by spec
    const raw = r.bytes(r.u16());
    if (tag === Tag.endCollection) return out;
    if (tag === Tag.memberAttrName) {
      member = raw.toString('utf8');
      out[member] = [];
      continue;
    }
    if (member === undefined) throw new IppDecodeError('collection value before member name');
    out[member]!.push(tag === Tag.begCollection ? decodeCollection(r) : decodeValue(tag, raw));
  }
}

export function decodeIpp(buf: Buffer): IppMessage {
  const r = new Reader(buf);
  const version: [number, number] = [r.u8(), r.u8()];
  const code = r.u16();
  const requestId = r.u32();
  const groups: IppGroup[] = [];
  let group: IppGroup | undefined;
  let attr: IppAttribute | undefined;
  for (;;) {
    const tag = r.u8();
    if (tag === Tag.end) break;
    if (tag < 0x10) {
      group = { tag, attributes: [] };
      groups.push(group);
      attr = undefined;
      continue;
    }
    if (!group) throw new IppDecodeError('attribute outside a group');
    const name = r.bytes(r.u16()).toString('utf8');
    const raw = r.bytes(r.u16());
    const value = tag === Tag.begCollection ? decodeCollection(r) : decodeValue(tag, raw);
    if (name === '') {
      if (!attr) throw new IppDecodeError('additional value without an attribute');
      attr.values.push(value);
    } else {
      attr = { tag, name, values: [value] };
      group.attributes.push(attr);
    }
  }
  return { version, code, requestId, groups };
}

/** Flattens one group into name -> values, the shape callers actually want. */
export function groupToRecord(group: IppGroup): Record<string, IppValue[]> {
  const out: Record<string, IppValue[]> = {};
  for (const a of group.attributes) out[a.name] = a.values;
  return out;
}
