export { loadCatalog, buildCatalog, parseItem, getItem, type Catalog } from './load';
export { searchItems, normaliseQuery, type Ranking, type SearchHit, type MatchKind } from './search';
export { itemSchema, type CatalogItem } from './schema';
export { CatalogError, type CatalogErrorCode } from './errors';
