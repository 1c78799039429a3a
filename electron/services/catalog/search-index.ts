import type { CatalogItem } from './schema';

/** Case, width (ｑｊｎｙ, full-width parentheses) and spaces do not matter to a clerk typing fast. */
export const normaliseQuery = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

// Each kind of key is kept as one string, entries separated by SEP (never in a query after
// normalising), so a keystroke costs one substring search per kind instead of one per key.
const SEP = '\u0001';

export interface IndexEntry {
  initials: readonly string[];
  /** SEP + each initials + SEP …: exact is includes(SEP+q+SEP), prefix is includes(SEP+q). */
  initialsJoined: string;
  pinyin: string;
  names: string;
  keywords: readonly string[];
  keywordsJoined: string;
  codes: string;
}

export type SearchIndex = readonly IndexEntry[];

const joined = (xs: readonly string[]) => `${SEP}${xs.join(SEP)}${SEP}`;

/** Normalised once at load, so a keystroke is only substring tests. */
export const buildIndex = (items: readonly CatalogItem[]): SearchIndex =>
  items.map((item) => {
    const keywords = item.keywords.map(normaliseQuery);
    return {
      initials: item.initials,
      initialsJoined: joined(item.initials),
      pinyin: joined(item.pinyin),
      names: joined(
        [item.names.zh, item.names.en, item.shortNames?.zh, item.shortNames?.en]
          .filter((n): n is string => !!n)
          .map(normaliseQuery),
      ),
      keywords,
      keywordsJoined: joined(keywords),
      codes: joined([normaliseQuery(item.code), normaliseQuery(item.itemCode)]),
    };
  });

export { SEP };
