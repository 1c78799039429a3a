import { CardRead } from '../card';
import { ReaderError } from '../errors';
import type { CommandName, ResponseBody } from '../frame/codec';
import { parseAddedAddress, parseCardDataReply, parseSamId } from '../frame/replies';
import { sw3Status } from '../frame/status';
import { decodeCardText } from '../text/decode';

/** One command attempt; the manager supplies timeouts and failure accounting. */
export type Send = (name: CommandName, kind: 'short' | 'read', data?: Uint8Array) => Promise<ResponseBody>;

export function statusError(name: CommandName, r: ResponseBody): ReaderError {
  const s = sw3Status(r.sw3);
  return new ReaderError(
    'REPLY_STATUS',
    `${name}: ${s.en} (SW3 ${r.sw3.toString(16).toUpperCase().padStart(2, '0')}).`,
    { sw3: r.sw3 },
  );
}

export async function samStatus(send: Send): Promise<void> {
  const r = await send('samStatus', 'short');
  if (r.sw3 !== 0x90) throw statusError('samStatus', r);
}

export async function samId(send: Send): Promise<string> {
  const r = await send('samId', 'short');
  if (r.sw3 !== 0x90) throw statusError('samId', r);
  return parseSamId(r.data);
}

/** True when a card answers; 80 is the ordinary "no card". */
export async function findCard(send: Send): Promise<boolean> {
  const r = await send('findCard', 'short');
  if (r.sw3 === 0x9f) return true;
  if (r.sw3 === 0x80) return false;
  throw statusError('findCard', r);
}

export async function selectCard(send: Send): Promise<boolean> {
  const r = await send('selectCard', 'short');
  if (r.sw3 === 0x90) return true;
  if (r.sw3 === 0x81) return false;
  throw statusError('selectCard', r);
}

export interface ReadCardOptions {
  fingerprint: boolean;
  addedAddress: boolean;
  now: Date;
}

/** select + read (+ added address) of a card that find-card just reported. */
export async function readCard(send: Send, opts: ReadCardOptions): Promise<CardRead> {
  if (!(await selectCard(send)))
    throw new ReaderError(
      'REPLY_STATUS',
      'selectCard: select card failed (SW3 81); hold the card still on the reader.',
      { sw3: 0x81 },
    );
  const name: CommandName = opts.fingerprint ? 'readTextFingerprint' : 'readText';
  const r = await send(name, 'read');
  if (r.sw3 !== 0x90) throw statusError(name, r);
  const data = parseCardDataReply(r.data, opts.fingerprint);
  const card = decodeCardText(data.text, opts.now);
  let added: string | undefined;
  if (opts.addedAddress && (card.kind === 'resident' || card.kind === 'hmt_permit')) {
    // Optional extra: a failure here must not lose the card that was read.
    try {
      const a = await send('readAddedAddress', 'read');
      if (a.sw3 === 0x90) added = parseAddedAddress(a.data) || undefined;
    } catch {
      added = undefined;
    }
  }
  return new CardRead(
    card,
    {
      photo: data.photo,
      ...(data.fingerprint && data.fingerprint.length > 0 ? { fingerprint: data.fingerprint } : {}),
    },
    added,
  );
}
