/**
 * Which characters go into which web-font file. Browsers fetch an @font-face slice only when the
 * page shows a character in its unicode-range, so the first file holds what nearly every screen
 * needs (Latin, punctuation, the 3,755 common hanzi of GB 2312 level 1 and every character of the
 * UI strings) and the rest of the face follows in slices fetched only for a rare name or address.
 */
const BASE_RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2000, 0x206f],
  [0x20a0, 0x20cf],
  [0x2100, 0x218f],
  [0x2190, 0x21ff],
  [0x2460, 0x24ff],
  [0x2500, 0x25ff],
  [0x2600, 0x26ff],
  [0x3000, 0x303f],
  [0x3200, 0x32ff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
];
/** Han ideographs: CJK Unified (basic and extension A) and the compatibility block. */
const HAN_RANGES: [number, number][] = [
  [0x4e00, 0x9fff],
  [0x3400, 0x4dbf],
  [0xf900, 0xfaff],
];
/** Kana and Bopomofo, for foreign names and annotations; small. */
const EXTRA_RANGES: [number, number][] = [
  [0x3040, 0x30ff],
  [0x3100, 0x312f],
  [0x31a0, 0x31bf],
];

const inRanges = (cp: number, rs: [number, number][]) => rs.some(([a, b]) => cp >= a && cp <= b);

/** GB 2312 hanzi in the standard's order: level 1 (rows 16-55, most frequent) then level 2 (56-87). */
export function gb2312Hanzi(): { level1: number[]; level2: number[] } {
  const dec = new TextDecoder('gb18030');
  const row = (r: number) => {
    const out: number[] = [];
    for (let c = 0xa1; c <= 0xfe; c++) {
      const ch = dec.decode(Uint8Array.of(0xa0 + r, c));
      const cp = ch.codePointAt(0)!;
      if (ch.length === 1 && cp >= 0x4e00 && cp <= 0x9fff) out.push(cp);
    }
    return out;
  };
  const level1: number[] = [];
  const level2: number[] = [];
  for (let r = 16; r <= 55; r++) level1.push(...row(r));
  for (let r = 56; r <= 87; r++) level2.push(...row(r));
  return { level1, level2 };
}

/** Slices of the face's own characters (`covered`): base first, then by frequency, then by block. */
export function planSlices(covered: Set<number>, uiText: string, restSize = 1800): number[][] {
  const { level1, level2 } = gb2312Hanzi();
  const taken = new Set<number>();
  const take = (cps: Iterable<number>) => {
    const out: number[] = [];
    for (const cp of cps) {
      if (!covered.has(cp) || taken.has(cp)) continue;
      taken.add(cp);
      out.push(cp);
    }
    return out;
  };
  const all = [...covered].sort((a, b) => a - b);
  const ui = [...uiText]
    .map((c) => c.codePointAt(0)!)
    .filter((cp) => inRanges(cp, HAN_RANGES) || inRanges(cp, BASE_RANGES));
  const base = take([...all.filter((cp) => inRanges(cp, BASE_RANGES)), ...ui, ...level1]);
  const slices = [base, take(level2), take(all.filter((cp) => inRanges(cp, EXTRA_RANGES)))];
  const rest = take(all.filter((cp) => inRanges(cp, HAN_RANGES)));
  for (let i = 0; i < rest.length; i += restSize) slices.push(rest.slice(i, i + restSize));
  return slices.filter((s) => s.length > 0);
}

/** CSS unicode-range for a set of code points, consecutive runs merged (U+4E00-4E05, U+4E08…). */
export function unicodeRange(cps: number[]): string {
  const s = [...cps].sort((a, b) => a - b);
  const parts: string[] = [];
  const hex = (n: number) => n.toString(16).toUpperCase();
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    parts.push(j === i ? `U+${hex(s[i]!)}` : `U+${hex(s[i]!)}-${hex(s[j]!)}`);
    i = j + 1;
  }
  return parts.join(',');
}
