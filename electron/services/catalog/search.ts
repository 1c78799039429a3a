import type { Catalog } from './load';
import type { CatalogItem } from './schema';
import { normaliseQuery, type IndexEntry } from './search-index';

export { normaliseQuery };

export type MatchKind = 'initials' | 'initials-prefix' | 'pinyin' | 'name' | 'keyword' | 'code' | 'all';

export interface Ranking {
  /** Codes of items this resident is eligible for (from evaluating them after the card read). */
  eligible?: Iterable<string>;
  /** How often this counter (clerk) issued each item lately, e.g. recentItemCounts(db, counter, since). */
  usage?: Readonly<Record<string, number>>;
  /** Only items of this department (departments.json id). */
  department?: string;
  /** Only items carrying this keyword (exact, after normalising). */
  keyword?: string;
  limit?: number;
}

export interface SearchHit {
  item: CatalogItem;
  match: MatchKind;
  eligible: boolean;
  uses: number;
}

// Lower is better. Within a tier a closer match wins; catalog order breaks the remaining ties.
const QUALITY: Record<MatchKind, number> = { initials: 0, 'initials-prefix': 1, pinyin: 2, name: 3, keyword: 4, code: 5, all: 6 };

function matchOf(e: IndexEntry, q: string): MatchKind | undefined {
  if (q === '') return 'all';
  if (e.initials.includes(q)) return 'initials';
  if (e.initials.some((i) => i.startsWith(q))) return 'initials-prefix';
  if (e.names.some((n) => n.includes(q))) return 'name';
  if (q.length >= 2 && e.pinyin.some((p) => p.includes(q))) return 'pinyin';
  if (e.keywords.some((k) => k.includes(q))) return 'keyword';
  if (e.codes.some((c) => c.includes(q))) return 'code';
  return undefined;
}

/**
 * Items matching pinyin initials (generated from the names and keywords), full pinyin, a zh/en
 * name substring, keyword or code, within the department / keyword filters. Order: an exact
 * initials match first (the clerk typed the item's abbreviation), then items the resident is
 * eligible for, then what this clerk's counter handles most, then match quality.
 */
export function searchItems(catalog: Catalog, query: string, ranking: Ranking = {}): SearchHit[] {
  const q = normaliseQuery(query);
  const eligible = new Set(ranking.eligible ?? []);
  const keyword = ranking.keyword ? normaliseQuery(ranking.keyword) : undefined;
  const hits: Array<SearchHit & { order: number }> = [];
  catalog.items.forEach((item, order) => {
    if (ranking.department && item.department !== ranking.department) return;
    const entry = catalog.index[order]!;
    if (keyword && !entry.keywords.includes(keyword)) return;
    const match = matchOf(entry, q);
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
