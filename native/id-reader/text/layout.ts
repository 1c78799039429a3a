import type { CardKind } from '../card';

/** Byte offset and length of each field in the 256-byte UTF-16LE text block (docs/card-layouts.md). */
export type Layout = Record<string, readonly [offset: number, length: number]>;

export const TEXT_BLOCK_LEN = 256;
export const KIND_OFFSET = 248;

export const LAYOUTS = {
  resident: {
    name: [0, 30],
    sex: [30, 2],
    nation: [32, 4],
    birth: [36, 16],
    address: [52, 70],
    number: [122, 36],
    authority: [158, 30],
    validFrom: [188, 16],
    validTo: [204, 16],
  },
  hmt_permit: {
    name: [0, 30],
    sex: [30, 2],
    birth: [36, 16],
    address: [52, 70],
    number: [122, 36],
    authority: [158, 30],
    validFrom: [188, 16],
    validTo: [204, 16],
    passNumber: [220, 18],
    issueCount: [238, 4],
    kind: [248, 2],
  },
  foreign_2017: {
    nameEn: [0, 120],
    sex: [120, 2],
    number: [122, 30],
    nationality: [152, 6],
    name: [158, 30],
    validFrom: [188, 16],
    validTo: [204, 16],
    birth: [220, 16],
    cardVersion: [236, 4],
    authorityCode: [240, 8],
    kind: [248, 2],
  },
  foreign_2023: {
    name: [0, 30],
    sex: [30, 2],
    renewalCount: [32, 4],
    birth: [36, 16],
    nameEn: [52, 70],
    number: [122, 36],
    validFrom: [188, 16],
    validTo: [204, 16],
    nameEnOverflow: [220, 22],
    nationality: [242, 6],
    kind: [248, 2],
    previousNumberLink: [250, 6],
  },
} as const satisfies Record<CardKind, Layout>;

export const KIND_MARKS: Partial<Record<CardKind, string>> = { hmt_permit: 'J', foreign_2017: 'I', foreign_2023: 'Y' };

/** Fields that go into Card.extra, per kind. */
export const EXTRA_FIELDS: Record<CardKind, readonly string[]> = {
  resident: [],
  hmt_permit: ['passNumber', 'issueCount'],
  foreign_2017: ['nationality', 'cardVersion', 'authorityCode'],
  foreign_2023: ['renewalCount', 'nationality', 'previousNumberLink'],
};

export function kindOf(block: Uint8Array): CardKind {
  const b = block[KIND_OFFSET];
  // The mark is one UTF-16LE character, so its high byte must be zero.
  if (block[KIND_OFFSET + 1] !== 0) return 'resident';
  if (b === 0x4a) return 'hmt_permit';
  if (b === 0x49) return 'foreign_2017';
  if (b === 0x59) return 'foreign_2023';
  return 'resident';
}
