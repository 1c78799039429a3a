/**
 * Binary layout of the QR payload, after the ASCII prefix `CT1.` and base64url:
 *   str serial | str itemCode | str holderName | str holderId | u32 issuedAt (unix s, BE) |
 *   u8 flags (bit0 training) | 32 B SM3 facts hash | str keyId | 64 B SM2 signature (r||s)
 * where str = u8 byte length + UTF-8. The signature covers the prefix and every byte before it.
 * A fixed binary layout keeps the payload near 230 characters: QR version 11 at level M, which
 * still reads at about 30 mm on a 300 dpi print.
 */
export const PAYLOAD_PREFIX = 'CT1.';
const HASH_LEN = 32;
const SIG_LEN = 64;

export interface QrFields {
  serial: string;
  itemCode: string;
  /** Masked name, e.g. 张*. */
  holderName: string;
  /** Masked ID number, e.g. 110101********123X. */
  holderId: string;
  /** ISO instant, second precision. */
  issuedAt: string;
  /** SM3 of the canonical facts, lower-case hex. */
  factsHash: string;
  training: boolean;
  keyId: string;
}

export interface DecodedPayload {
  fields: QrFields;
  signed: Buffer;
  signature: Buffer;
}

export class PayloadFormatError extends Error {}

function str(s: string): Buffer {
  const b = Buffer.from(s.normalize('NFC'), 'utf8');
  if (b.length > 255)
    throw new PayloadFormatError(`field too long for the QR payload (${b.length} bytes, max 255): ${s.slice(0, 20)}…`);
  return Buffer.concat([Buffer.from([b.length]), b]);
}

export function encodeUnsigned(f: QrFields): Buffer {
  const seconds = Math.floor(Date.parse(f.issuedAt) / 1000);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 0xffffffff)
    throw new PayloadFormatError(`issuedAt is not a usable instant: ${f.issuedAt}`);
  if (!/^[0-9a-f]{64}$/.test(f.factsHash))
    throw new PayloadFormatError('factsHash must be 64 lower-case hex characters');
  const time = Buffer.alloc(5);
  time.writeUInt32BE(seconds, 0);
  time[4] = f.training ? 1 : 0;
  return Buffer.concat([
    Buffer.from(PAYLOAD_PREFIX, 'ascii'),
    str(f.serial),
    str(f.itemCode),
    str(f.holderName),
    str(f.holderId),
    time,
    Buffer.from(f.factsHash, 'hex'),
    str(f.keyId),
  ]);
}

export function assemble(signed: Buffer, signature: Buffer): string {
  const body = Buffer.concat([signed.subarray(PAYLOAD_PREFIX.length), signature]);
  return PAYLOAD_PREFIX + body.toString('base64url');
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  take(n: number): Buffer {
    if (this.at + n > this.buf.length) throw new PayloadFormatError('payload is truncated');
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  str(): string {
    const len = this.take(1)[0] as number;
    const bytes = this.take(len);
    const s = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return s;
  }
  get offset(): number {
    return this.at;
  }
  get rest(): number {
    return this.buf.length - this.at;
  }
}

/** Throws PayloadFormatError (or TypeError from the strict UTF-8 decoder) for anything not CT1. */
export function decode(payload: string): DecodedPayload {
  const text = payload.trim();
  if (!text.startsWith(PAYLOAD_PREFIX)) throw new PayloadFormatError(`payload does not start with ${PAYLOAD_PREFIX}`);
  const b64 = text.slice(PAYLOAD_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(b64)) throw new PayloadFormatError('payload is not base64url');
  const body = Buffer.from(b64, 'base64url');
  // Node's decoder ignores the unused low bits of the last character, so several spellings decode
  // to the same bytes; only the canonical one (what assemble writes) is accepted, so that any
  // changed character is reported, never silently read as the original.
  if (body.toString('base64url') !== b64)
    throw new PayloadFormatError('payload is not canonical base64url (a character was changed)');
  const r = new Reader(body);
  const serial = r.str();
  const itemCode = r.str();
  const holderName = r.str();
  const holderId = r.str();
  const time = r.take(5);
  const factsHash = r.take(HASH_LEN).toString('hex');
  const keyId = r.str();
  const signedLen = r.offset;
  const signature = r.take(SIG_LEN);
  if (r.rest !== 0) throw new PayloadFormatError('payload has trailing bytes');
  const flags = time[4] as number;
  if (flags > 1) throw new PayloadFormatError('payload has unknown flags');
  return {
    fields: {
      serial,
      itemCode,
      holderName,
      holderId,
      issuedAt: new Date(time.readUInt32BE(0) * 1000).toISOString().replace('.000Z', 'Z'),
      factsHash,
      training: flags === 1,
      keyId,
    },
    signed: Buffer.concat([Buffer.from(PAYLOAD_PREFIX, 'ascii'), body.subarray(0, signedLen)]),
    signature,
  };
}
