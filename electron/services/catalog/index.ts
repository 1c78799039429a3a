export {
  loadCatalog,
  readCatalog,
  buildCatalog,
  parseItem,
  deriveItem,
  getItem,
  type Catalog,
  type CatalogFiles,
  type Department,
} from './load';
export { searchItems, normaliseQuery, type Ranking, type SearchHit, type MatchKind } from './search';
export { itemSchema, sourceSchema, type CatalogItem, type ItemData } from './schema';
export { checkItem, itemReads, type CheckContext } from './check';
export { pinyinKeys, pinyinOf } from './pinyin';
export type { Form, FormField, FieldSource } from './form-schema';
export type { Output, PrintedOutput } from './output-schema';
export { printedOf } from './printed';
export { CatalogError, type CatalogErrorCode } from './errors';
