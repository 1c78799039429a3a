import type Database from 'better-sqlite3';
import type { CallUsage, CatalogEntry, FetchedLicense, Registry } from '../registry/types';
import type { RecordCipher } from '../crypto/cipher';
import { findByHolder, findByIdentifier, putLicenses, type PutItem } from '../cache/store';
import { normalizeHolderCode } from '../cache/payload';
import type { CachePolicy } from '../cache/policy';
import { cacheIntegrity, cacheTooOld, LicenseError, notInCache, type FetchError } from './errors';
import { StatusTracker, type RegistryStatus } from './status';
import { withTimeout } from './timeout';

export interface LicenseServiceOptions {
  registry: Registry;
  db: Database.Database;
  /** createCipher(dataKey); the same key must have passed verifyDataKey(db, key) at startup. */
  cipher: RecordCipher;
  policy: CachePolicy;
  /** Per registry call (search, each get). Default 3000 ms: the clerk is waiting at the counter. */
  timeoutMs?: number;
  /** The client's circuit breaker: false means don't even try, serve from cache at once. */
  isOnline?: () => boolean;
  /**
   * Whether a registry error means "unreachable" (fall back to the cache) rather than a definite
   * answer such as a refused request. Default: every error counts as unreachable.
   */
  isUnreachable?: (err: unknown) => boolean;
  now?: () => Date;
}

export interface FetchResult {
  licenses: FetchedLicense[];
  /** Requested type codes with no license delivered (not found, refused as too old, or failed); see `errors` for why. */
  missing: string[];
  online: boolean;
  offlineSince?: string;
  errors: FetchError[];
}

const errorOf = (e: unknown, fallback: FetchError['code'], typeCode?: string): FetchError => {
  if (e instanceof LicenseError) return { ...e.toJSON(), ...(typeCode && { typeCode }) };
  const code = (e as { code?: unknown })?.code;
  const detail = e instanceof Error ? e.message : String(e);
  return {
    code: fallback,
    ...(typeCode && { typeCode }),
    message: `The registry call failed${typeof code === 'string' ? ` (${code})` : ''}: ${detail}. Working from the local cache where possible; if this persists, check the network or ask the administrator.`,
  };
};

/** Registry first, then the encrypted cache within each type's max age; never throws for registry trouble. */
export class LicenseService {
  private readonly status = new StatusTracker();
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly o: LicenseServiceOptions) {
    this.timeoutMs = o.timeoutMs ?? 3000;
    this.now = o.now ?? (() => new Date());
  }

  getStatus(): RegistryStatus {
    if (this.o.isOnline && !this.o.isOnline()) this.status.offline(this.now());
    return this.status.get();
  }

  onStatusChange(fn: (s: RegistryStatus) => void): () => void {
    return this.status.subscribe(fn);
  }

  /**
   * `keep: false`: what the registry answers is used, not kept in the offline cache (a batch
   * check: the applicants on a list never came to this counter, and their licenses are needed for
   * the check only). The cache is still read when the registry does not answer.
   */
  async fetchForHolder(
    holderCode: string,
    usage: CallUsage,
    typeCodes?: string[],
    opts: { keep?: boolean } = {},
  ): Promise<FetchResult> {
    const holder = normalizeHolderCode(holderCode);
    const wanted = typeCodes && typeCodes.length > 0 ? [...new Set(typeCodes)] : undefined;
    if (this.o.isOnline && !this.o.isOnline()) {
      this.status.offline(this.now());
      const err: FetchError = {
        code: 'REGISTRY_UNAVAILABLE',
        message:
          'The registry is marked unreachable after repeated failures; working from the local cache. It is retried automatically.',
      };
      return this.fromCache(holder, wanted, [err]);
    }
    let catalog: CatalogEntry[];
    try {
      catalog = await withTimeout(this.o.registry.search(holder, usage, wanted), this.timeoutMs, 'the license search');
    } catch (e) {
      if (!this.unreachable(e)) return this.result([], wanted, [errorOf(e, 'REGISTRY_FAILED')]);
      this.status.offline(this.now());
      return this.fromCache(holder, wanted, [errorOf(e, 'REGISTRY_UNAVAILABLE')]);
    }
    this.status.online(this.now());
    const byId = new Map(
      catalog.filter((c) => !wanted || wanted.includes(c.certificateType)).map((c) => [c.identifier, c]),
    );
    const entries = [...byId.values()];
    const settled = await Promise.allSettled(
      entries.map((c) =>
        withTimeout(this.o.registry.get(c.identifier, usage), this.timeoutMs, `license ${c.certificateType}`),
      ),
    );

    const licenses: FetchedLicense[] = [];
    const errors: FetchError[] = [];
    const toCache: PutItem[] = [];
    settled.forEach((r, i) => {
      const entry = entries[i]!;
      if (r.status === 'fulfilled' && r.value.license.identifier === entry.identifier) {
        const fetched: FetchedLicense = { ...r.value, source: 'registry' };
        licenses.push(fetched);
        toCache.push({ fetched, holderCodes: [holder] });
      } else if (r.status === 'fulfilled') {
        errors.push({
          code: 'REGISTRY_MISMATCH',
          typeCode: entry.certificateType,
          message: `The registry answered a request for one license with a different license; it was not used. Try again, and report it to the registry operator if it repeats.`,
        });
      } else {
        this.fromCacheForGet(entry, r.reason, licenses, errors);
      }
    });
    if (toCache.length > 0 && opts.keep !== false) {
      try {
        putLicenses(this.o.db, this.o.cipher, toCache);
      } catch (e) {
        // The live answer is still good; only offline fallback for it is lost.
        errors.push({
          code: 'CACHE_WRITE_FAILED',
          message: `The licenses could not be saved to the local cache (${(e as Error).message}); they are used now but won't be available offline. Check free disk space.`,
        });
      }
    }
    return this.result(licenses, wanted, errors);
  }

  private unreachable(e: unknown): boolean {
    if (e instanceof LicenseError && e.code === 'REGISTRY_TIMEOUT') return true;
    return this.o.isUnreachable ? this.o.isUnreachable(e) : true;
  }

  /** A single get failed after a good search: use the cached copy of that same license if it may be served. */
  private fromCacheForGet(
    entry: CatalogEntry,
    reason: unknown,
    licenses: FetchedLicense[],
    errors: FetchError[],
  ): void {
    const typeCode = entry.certificateType;
    if (!this.unreachable(reason)) {
      errors.push(errorOf(reason, 'REGISTRY_FAILED', typeCode));
      return;
    }
    this.status.offline(this.now());
    errors.push(errorOf(reason, 'REGISTRY_UNAVAILABLE', typeCode));
    try {
      const hit = findByIdentifier(this.o.db, this.o.cipher, entry.identifier, {
        policy: this.o.policy,
        now: this.now(),
      });
      if (!hit) errors.push(notInCache(typeCode));
      else if ('stale' in hit)
        errors.push(cacheTooOld(typeCode, hit.stale.fetchedAt, hit.stale.ageMs, hit.stale.maxAgeMs));
      else licenses.push(hit.fresh);
    } catch {
      errors.push(cacheIntegrity(typeCode));
    }
  }

  private fromCache(holder: string, wanted: string[] | undefined, errors: FetchError[]): FetchResult {
    const found = findByHolder(this.o.db, this.o.cipher, holder, {
      policy: this.o.policy,
      now: this.now(),
      typeCodes: wanted,
    });
    for (const s of found.stale) errors.push(cacheTooOld(s.typeCode, s.fetchedAt, s.ageMs, s.maxAgeMs));
    for (const c of found.corrupt) errors.push(cacheIntegrity(c.typeCode));
    const seen = new Set([
      ...found.fresh.map((f) => f.license.certificateType),
      ...found.stale.map((s) => s.typeCode),
      ...found.corrupt.map((c) => c.typeCode),
    ]);
    for (const t of wanted ?? []) if (!seen.has(t)) errors.push(notInCache(t));
    return this.result(found.fresh, wanted, errors);
  }

  private result(licenses: FetchedLicense[], wanted: string[] | undefined, errors: FetchError[]): FetchResult {
    const have = new Set(licenses.map((l) => l.license.certificateType));
    const st = this.status.get();
    return {
      licenses,
      missing: (wanted ?? []).filter((t) => !have.has(t)),
      online: st.online,
      ...(st.offlineSince && !st.online && { offlineSince: st.offlineSince }),
      errors,
    };
  }
}
