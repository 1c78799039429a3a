import type { CardFields } from '../card';
import { ReaderError } from '../errors';
import { EXTRA_FIELDS, KIND_MARKS, LAYOUTS, TEXT_BLOCK_LEN, type Layout } from './layout';
import { LONG_TERM_TEXT } from './validate';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function cardDate(v: string): string {
  const m = ISO.exec(v);
  return m ? `${m[1]}${m[2]}${m[3]}` : v;
}

function put(block: Uint8Array, layout: Layout, key: string, value: string | undefined): void {
  const f = layout[key];
  if (!f || value === undefined) return;
  const [off, len] = f;
  if (value.length * 2 > len) {
    throw new ReaderError(
      'CARD_INPUT_INVALID',
      `Field ${key} ("${value}") is longer than its ${len / 2} characters on the card.`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    block[off + 2 * i] = c & 0xff;
    block[off + 2 * i + 1] = c >> 8;
  }
}

/** Builds the 256-byte text block a reader returns for this card (used by the simulator and tests). */
export function encodeCardText(c: CardFields): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_LEN);
  for (let i = 0; i < TEXT_BLOCK_LEN; i += 2) block[i] = 0x20; // space-padded UTF-16LE
  const layout: Layout = LAYOUTS[c.kind];
  const set = (k: string, v: string | undefined) => put(block, layout, k, v);
  set('name', c.name);
  if (c.kind === 'foreign_2023' && c.nameEn !== undefined) {
    set('nameEn', c.nameEn.slice(0, 35));
    if (c.nameEn.length > 35) set('nameEnOverflow', c.nameEn.slice(35));
  } else set('nameEn', c.nameEn);
  set('sex', c.sex);
  set('nation', c.nation);
  set('birth', cardDate(c.birth));
  set('address', c.address);
  set('number', c.number);
  set('authority', c.authority);
  set('validFrom', cardDate(c.validFrom));
  set('validTo', c.validTo === 'long-term' ? LONG_TERM_TEXT : cardDate(c.validTo));
  for (const k of EXTRA_FIELDS[c.kind]) set(k, c.extra?.[k]);
  set('kind', KIND_MARKS[c.kind]);
  return block;
}
