import type { CatalogItem } from './schema';

/** Case, width (ｑｊｎｙ, full-width parentheses) and spaces do not matter to a clerk typing fast. */
export const normaliseQuery = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

export interface IndexEntry {
  initials: readonly string[];
  pinyin: readonly string[];
  names: readonly string[];
  keywords: readonly string[];
  codes: readonly string[];
}

export type SearchIndex = readonly IndexEntry[];

/** Normalised once at load, so a keystroke is only substring tests. */
export const buildIndex = (items: readonly CatalogItem[]): SearchIndex =>
  items.map((item) => ({
    initials: item.initials,
    pinyin: item.pinyin,
    names: [item.names.zh, item.names.en, item.shortNames?.zh, item.shortNames?.en].filter((n): n is string => !!n).map(normaliseQuery),
    keywords: item.keywords.map(normaliseQuery),
    codes: [normaliseQuery(item.code), normaliseQuery(item.itemCode)],
  }));
