import type { Catalog } from './load';
import type { CatalogItem } from './schema';
import { normaliseQuery, SEP, type IndexEntry } from './search-index';

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
const QUALITY: Record<MatchKind, number> = {
  initials: 0,
  'initials-prefix': 1,
  pinyin: 2,
  name: 3,
  keyword: 4,
  code: 5,
  all: 6,
};

const KINDS: MatchKind[] = ['initials', 'initials-prefix', 'pinyin', 'name', 'keyword', 'code', 'all'];

function matchOf(e: IndexEntry, q: string, sepQ: string, sepQSep: string): MatchKind | undefined {
  if (q === '') return 'all';
  if (e.initialsJoined.includes(sepQSep)) return 'initials';
  if (e.initialsJoined.includes(sepQ)) return 'initials-prefix';
  if (e.names.includes(q)) return 'name';
  if (q.length >= 2 && e.pinyin.includes(q)) return 'pinyin';
  if (e.keywordsJoined.includes(q)) return 'keyword';
  if (e.codes.includes(q)) return 'code';
  return undefined;
}

const MAX_USES = 99_999;

/**
 * Items matching pinyin initials (generated from the names and keywords), full pinyin, a zh/en
 * name substring, keyword or code, within the department / keyword filters. Order: an exact
 * initials match first (the clerk typed the item's abbreviation), then items the resident is
 * eligible for, then what this clerk's counter handles most, then match quality, then file order.
 */
export function searchItems(catalog: Catalog, query: string, ranking: Ranking = {}): SearchHit[] {
  const q = normaliseQuery(query);
  const [sepQ, sepQSep] = [SEP + q, SEP + q + SEP];
  const eligible = new Set(ranking.eligible ?? []);
  const keyword = ranking.keyword ? normaliseQuery(ranking.keyword) : undefined;
  const items = catalog.items;
  // One number per hit encodes the whole ordering, so sorting is a plain numeric sort (a keystroke
  // over a 1,500-item catalog may match all of them): tier, eligible, uses, quality, then order.
  const keys: number[] = [];
  for (let order = 0; order < items.length; order++) {
    const item = items[order]!;
    if (ranking.department && item.department !== ranking.department) continue;
    const entry = catalog.index[order]!;
    if (keyword && !entry.keywords.includes(keyword)) continue;
    const match = matchOf(entry, q, sepQ, sepQSep);
    if (!match) continue;
    const uses = Math.min(MAX_USES, ranking.usage?.[item.code] ?? 0);
    const tier = (match === 'initials' ? 0 : 2) + (eligible.has(item.code) ? 0 : 1);
    keys.push(((tier * (MAX_USES + 1) + (MAX_USES - uses)) * 8 + QUALITY[match]) * 100_000 + order);
  }
  keys.sort((a, b) => a - b);
  const limit = Math.min(ranking.limit ?? keys.length, keys.length);
  const out: SearchHit[] = [];
  for (let i = 0; i < limit; i++) {
    const k = keys[i]!;
    const order = k % 100_000;
    const item = items[order]!;
    const match = KINDS[Math.floor(k / 100_000) % 8]!;
    out.push({ item, match, eligible: eligible.has(item.code), uses: ranking.usage?.[item.code] ?? 0 });
  }
  return out;
}
