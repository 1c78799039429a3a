import type { Catalog } from './load';
import type { CatalogItem } from './schema';

export type MatchKind = 'initials' | 'initials-prefix' | 'name' | 'keyword' | 'code' | 'all';

export interface Ranking {
  /** Codes of items this resident is eligible for (from evaluating them after the card read). */
  eligible?: Iterable<string>;
  /** How often this counter issued each item lately, e.g. recentItemCounts(db, counter, since). */
  usage?: Readonly<Record<string, number>>;
  limit?: number;
}

export interface SearchHit {
  item: CatalogItem;
  match: MatchKind;
  eligible: boolean;
  uses: number;
}

// Lower is better. Within a tier a closer match wins; catalog order breaks the remaining ties.
const QUALITY: Record<MatchKind, number> = { initials: 0, 'initials-prefix': 1, name: 2, keyword: 3, code: 4, all: 5 };

/** Case, width (ｑｊｎｙ, full-width parentheses) and spaces do not matter to a clerk typing fast. */
export const normaliseQuery = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

function matchOf(item: CatalogItem, q: string): MatchKind | undefined {
  if (q === '') return 'all';
  if (item.initials.includes(q)) return 'initials';
  if (item.initials.some((i) => i.startsWith(q))) return 'initials-prefix';
  const names = [item.names.zh, item.names.en, item.shortNames?.zh, item.shortNames?.en].filter((n): n is string => !!n);
  if (names.some((n) => normaliseQuery(n).includes(q))) return 'name';
  if (item.keywords.some((k) => normaliseQuery(k).includes(q))) return 'keyword';
  if (normaliseQuery(item.code).includes(q)) return 'code';
  return undefined;
}

/**
 * Items matching a name substring (zh/en), pinyin initials prefix, keyword or code. Order: an
 * exact initials match first (the clerk typed the item's abbreviation), then items the resident
 * is eligible for, then what this counter issues most, then match quality.
 */
export function searchItems(catalog: Catalog, query: string, ranking: Ranking = {}): SearchHit[] {
  const q = normaliseQuery(query);
  const eligible = new Set(ranking.eligible ?? []);
  const hits: Array<SearchHit & { order: number }> = [];
  catalog.items.forEach((item, order) => {
    const match = matchOf(item, q);
    if (match) hits.push({ item, match, eligible: eligible.has(item.code), uses: ranking.usage?.[item.code] ?? 0, order });
  });
  hits.sort(
    (a, b) =>
      Number(b.match === 'initials') - Number(a.match === 'initials') ||
      Number(b.eligible) - Number(a.eligible) ||
      b.uses - a.uses ||
      QUALITY[a.match] - QUALITY[b.match] ||
      a.order - b.order,
  );
  return hits.slice(0, ranking.limit ?? hits.length).map(({ order: _order, ...h }) => h);
}
