export {
  putLicense,
  putLicenses,
  findByHolder,
  findByIdentifier,
  countCachedLicenses,
  newestCachedAt,
  identHash,
  holderHash,
} from './store';
export type { PutItem, StaleEntry, CorruptEntry, HolderLookup, LookupOptions } from './store';
export { purgeCache, fileBytes, type PurgeOptions, type PurgeResult } from './purge';
export {
  parseCachePolicy,
  loadCachePolicy,
  CACHE_POLICY_FILE,
  ruleFor,
  maxAgeMs,
  retentionMs,
  type CachePolicy,
  type CacheRule,
} from './policy';
export { normalizeHolderCode } from './payload';
export { CacheError, type CacheErrorCode } from './errors';
