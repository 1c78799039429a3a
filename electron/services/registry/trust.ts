import { createSm2Verifier } from '../../../protocol/sm2';
import type { TrustedIssuer } from './types';
import type { TrustEntry } from './verify';

export interface TrustStoreOptions {
  load: () => Promise<TrustedIssuer[]>;
  /** How long a fetched list is used before it is fetched again. */
  ttlMs?: number;
  /**
   * Past the TTL the old list still answers at once while a new one is fetched in the background,
   * so no card waits on the trust list; past this age it is awaited instead.
   */
  maxStaleMs?: number;
  /** An unknown signer triggers an early refresh (a new issuer may have joined), at most this often. */
  minRefreshIntervalMs?: number;
  /** issuerCode -> SM2 public key (hex). Set, any other issuer or key in the list is left out. */
  pinned?: ReadonlyMap<string, string>;
  /** Told about each issuer left out because its key is not pinned. */
  onRefused?: (issuer: TrustedIssuer) => void;
  now?: () => number;
}

/**
 * Cached trust list with precomputed verifiers. Concurrent callers share one fetch; when a
 * refresh fails the last good list stays in use, because refusing every license while the
 * registry hiccups would be worse than trusting keys that were valid minutes ago. A signer the
 * list does not know always waits for a fresh list (a new issuer may have joined).
 */
export class TrustStore {
  private entries: Map<string, TrustEntry> | null = null;
  private fetchedAt = 0;
  private inflight: Promise<Map<string, TrustEntry>> | null = null;
  private readonly ttlMs: number;
  private readonly maxStaleMs: number;
  private readonly minRefreshMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: TrustStoreOptions) {
    this.ttlMs = opts.ttlMs ?? 10 * 60_000;
    this.maxStaleMs = opts.maxStaleMs ?? 60 * 60_000;
    this.minRefreshMs = opts.minRefreshIntervalMs ?? 30_000;
    this.now = opts.now ?? Date.now;
  }

  list(): TrustedIssuer[] | null {
    return this.entries ? [...this.entries.values()].map((e) => e.issuer) : null;
  }

  async get(): Promise<ReadonlyMap<string, TrustEntry>> {
    const age = this.now() - this.fetchedAt;
    if (this.entries && age < this.ttlMs) return this.entries;
    if (this.entries && age < this.maxStaleMs) {
      // A failed background refresh is not this caller's problem: the last good list stays.
      this.refresh().catch(() => undefined);
      return this.entries;
    }
    return this.refresh();
  }

  /** Entries, refreshed first when `signer` is unknown and the last fetch is old enough. */
  async forSigner(signer: string): Promise<ReadonlyMap<string, TrustEntry>> {
    const current = await this.get();
    if (current.has(signer) || this.now() - this.fetchedAt < this.minRefreshMs) return current;
    return this.refresh();
  }

  refresh(): Promise<Map<string, TrustEntry>> {
    this.inflight ??= this.opts
      .load()
      .then(async (issuers) => {
        const next = new Map<string, TrustEntry>();
        for (const [i, issuer] of issuers.entries()) {
          // One key at a time, yielding in between, so a card read or an API call is not held up.
          if (i > 0) await new Promise((r) => setImmediate(r));
          const pinned = this.opts.pinned;
          if (pinned && pinned.get(issuer.issuerCode)?.toLowerCase() !== issuer.publicKey.toLowerCase()) {
            this.opts.onRefused?.(issuer);
            continue;
          }
          const known = this.entries?.get(issuer.issuerCode);
          // Building a key's tables costs ~100 ms of CPU; reuse them while the key is unchanged.
          if (known && known.issuer.publicKey === issuer.publicKey) {
            next.set(issuer.issuerCode, { issuer, verifier: known.verifier });
            continue;
          }
          try {
            next.set(issuer.issuerCode, { issuer, verifier: createSm2Verifier(issuer.publicKey) });
          } catch {
            // A key off the curve can verify nothing; leaving it out makes its licenses 'unknown-issuer'.
          }
        }
        this.entries = next;
        this.fetchedAt = this.now();
        return next;
      })
      .catch((e: unknown) => {
        if (this.entries) return this.entries;
        throw e;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }
}
