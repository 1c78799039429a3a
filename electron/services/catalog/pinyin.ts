import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/** Initials and full toneless pinyin of a Chinese string (other characters dropped); pinyin-pro picks readings by word (重度 zhongdu). */
export function pinyinOf(text: string): { initials: string; full: string } | undefined {
  if (!HAN.test(text)) return undefined;
  const opts = { toneType: 'none', type: 'array', nonZh: 'removed', v: true } as const;
  const initials = pinyin(text, { ...opts, pattern: 'first' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  const full = pinyin(text, opts)
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return initials.length >= 2 ? { initials, full } : undefined;
}

/** The search keys of an item: the full name first (an exact initials hit on it ranks first), then the short name and keywords. */
export function pinyinKeys(texts: readonly (string | undefined)[]): { initials: string[]; pinyin: string[] } {
  const initials: string[] = [];
  const full: string[] = [];
  for (const t of texts) {
    const p = t ? pinyinOf(t) : undefined;
    if (!p) continue;
    if (!initials.includes(p.initials)) initials.push(p.initials);
    if (!full.includes(p.full)) full.push(p.full);
  }
  return { initials, pinyin: full };
}
