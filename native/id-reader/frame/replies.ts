import { ReaderError } from '../errors';
import { decodeField } from '../text/utf16';

export interface CardDataReply {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint?: Uint8Array;
}

/**
 * Data of a 30 01 reply (textLen photoLen text photo) or, with `withFingerprint`, a 30 10 reply
 * (textLen photoLen fpLen text photo fp). Lengths come from the reply and are bounds-checked.
 */
export function parseCardDataReply(data: Uint8Array, withFingerprint: boolean): CardDataReply {
  const head = withFingerprint ? 6 : 4;
  if (data.length < head) throw malformed(`card data reply of ${data.length} bytes has no length header`);
  const textLen = (data[0]! << 8) | data[1]!;
  const photoLen = (data[2]! << 8) | data[3]!;
  const fpLen = withFingerprint ? (data[4]! << 8) | data[5]! : 0;
  if (head + textLen + photoLen + fpLen !== data.length) {
    throw malformed(
      `card data reply announces ${textLen}+${photoLen}+${fpLen} bytes but carries ${data.length - head}`,
    );
  }
  const text = data.slice(head, head + textLen);
  const photo = data.slice(head + textLen, head + textLen + photoLen);
  if (!withFingerprint) return { text, photo };
  return { text, photo, fingerprint: data.slice(head + textLen + photoLen) };
}

export function encodeCardDataReply(text: Uint8Array, photo: Uint8Array, fingerprint?: Uint8Array): Uint8Array {
  const head = fingerprint ? 6 : 4;
  const out = new Uint8Array(head + text.length + photo.length + (fingerprint?.length ?? 0));
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out[2] = photo.length >> 8;
  out[3] = photo.length & 0xff;
  if (fingerprint) {
    out[4] = fingerprint.length >> 8;
    out[5] = fingerprint.length & 0xff;
  }
  out.set(text, head);
  out.set(photo, head + text.length);
  if (fingerprint) out.set(fingerprint, head + text.length + photo.length);
  return out;
}

export const ADDED_ADDRESS_LEN = 70;

/** The 70-byte UTF-16LE added-address block; blank when the card has no address change. */
export function parseAddedAddress(data: Uint8Array): string {
  if (data.length !== ADDED_ADDRESS_LEN)
    throw malformed(`added address reply is ${data.length} bytes, expected ${ADDED_ADDRESS_LEN}`);
  return decodeField(data);
}

export function encodeAddedAddress(address: string): Uint8Array {
  const out = new Uint8Array(ADDED_ADDRESS_LEN);
  for (let i = 0; i < ADDED_ADDRESS_LEN; i += 2) out[i] = 0x20;
  const chars = address.slice(0, ADDED_ADDRESS_LEN / 2);
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

export const SAM_ID_LEN = 16;

/**
 * SAM ID as hex. Vendor tools also print a dotted decimal form; its byte grouping is not
 * confirmed by a public source, so only the unambiguous hex is produced.
 */
export function parseSamId(data: Uint8Array): string {
  if (data.length !== SAM_ID_LEN) throw malformed(`SAM ID reply is ${data.length} bytes, expected ${SAM_ID_LEN}`);
  return Array.from(data, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

function malformed(what: string): ReaderError {
  return new ReaderError(
    'REPLY_MALFORMED',
    `Reader reply malformed: ${what}. Place the card again; if it repeats, check the reader model setting.`,
  );
}
