import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { z } from 'zod';
import { CircuitBreaker, type BreakerOptions, type BreakerState } from './breaker';
import { RegistryError } from './errors';
import { httpRequest, type HttpResult } from './http';
import { parseLicenseId } from '../../../protocol/license-id';
import { ConcurrencyLimiter } from './limiter';
import { ROW_KEY_PATTERN, signedHeaders } from '../../../protocol/request-auth';
import { sm3Hex } from '../../../protocol/sm3';
import {
  areasAnswer,
  batchAnswer,
  errorAnswer,
  getAnswer,
  issuersAnswer,
  searchAnswer,
  typesAnswer,
  usageAnswer,
  type LicenseTypeInfo,
  type UsageRecord,
} from './schemas';
import { TrustStore } from './trust';
import { assertUsage } from './usage';
import { Sm2Pool } from './sm2-pool';
import { verifyLicense, verifyLicenses, type TrustEntry } from './verify';
import type {
  CallUsage,
  CatalogEntry,
  FetchedLicense,
  LicenseRecord,
  ProgramArea,
  Registry,
  TrustedIssuer,
  UsageContext,
} from './types';
import { backoffDelay, sleep } from './backoff';
import { populationPage, type PopulationQuery, type PopulationAnswer } from './population';

export interface RegistryClientOptions {
  /** e.g. http://127.0.0.1:4100/ ; the API lives under <baseUrl>/v1/. */
  baseUrl: string;
  appKey: string;
  appSecret: string;
  timeouts?: { connectMs?: number; totalMs?: number };
  /** Threads that check the signatures of batch answers (default: a core's worth beyond the main thread, at most 4; 0: this thread). */
  verifyThreads?: number;
  /** Retries of idempotent reads after a "no answer" failure; never of refusals. */
  retries?: { max?: number; baseDelayMs?: number; maxDelayMs?: number };
  breaker?: BreakerOptions;
  /** Calls in flight at once; more wait in line (within their total timeout). */
  concurrency?: number;
  /** Answers above this size are cut off and refused. */
  maxBodyBytes?: number;
  trust?: {
    ttlMs?: number;
    minRefreshIntervalMs?: number;
    pinned?: ReadonlyMap<string, string>;
    onRefused?: (issuer: TrustedIssuer) => void;
  };
  now?: () => number;
}

export type RegistryStateListener = (state: BreakerState, previous: BreakerState) => void;

export interface RegistryClient extends Registry {
  /** Circuit state: 'closed' = online, 'open' = offline (failing fast), 'half-open' = probing. */
  state(): BreakerState;
  /** Subscribes to state changes; returns the unsubscribe function. */
  onState(listener: RegistryStateListener): () => void;
  on(event: 'state', listener: RegistryStateListener): RegistryClient;
  off(event: 'state', listener: RegistryStateListener): RegistryClient;
  licenseTypes(): Promise<LicenseTypeInfo[]>;
  /** The registry's record of who used a holder's licenses (the holder's own right to know). */
  usageRecords(holderCode: string, usage: UsageContext): Promise<UsageRecord[]>;
  /** Forces a trust list refresh (e.g. after an administrator says a key was rotated). */
  refreshTrustList(): Promise<TrustedIssuer[]>;
  /**
   * The licenses of many holders in one call (the registry's batch endpoint), each verified as
   * get() does. `key` is the caller's row key: the registry records one use per key and case
   * number, so a resumed batch never counts a row twice. Throws when the endpoint is not offered
   * or does not answer; the caller then falls back to per-person calls.
   */
  batchLicenses(
    holders: ReadonlyArray<{ holderCode: string; key: string }>,
    usage: UsageContext,
    typeCodes?: string[],
  ): Promise<Array<{ holderCode: string; key: string; licenses: FetchedLicense[] }>>;
  /**
   * One page of the population query for a proactive programme (protocol/population-wire.ts).
   * The answer is checked at the boundary: a person with a field that was not asked for, an
   * invalid ID number or more people than the page size is refused as REGISTRY_MALFORMED.
   */
  population(query: PopulationQuery, usage: UsageContext): Promise<PopulationAnswer>;
  /** Frees keep-alive sockets. */
  close(): void;
}

export interface CallSpec<T> {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | undefined>;
  usage?: CallUsage;
  schema: z.ZodType<T>;
  what: string;
  /** This call's own limit when it carries more work than one holder's (the batch endpoint). */
  totalMs?: number;
}

const DEFAULTS = {
  connectMs: 2_000,
  totalMs: 6_000,
  retries: 2,
  baseDelayMs: 150,
  maxDelayMs: 1_500,
  concurrency: 8,
  maxBodyBytes: 2 * 1024 * 1024,
};

export function createRegistryClient(opts: RegistryClientOptions): RegistryClient {
  const base = new URL(opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`);
  const connectMs = opts.timeouts?.connectMs ?? DEFAULTS.connectMs;
  const totalMs = opts.timeouts?.totalMs ?? DEFAULTS.totalMs;
  const maxRetries = opts.retries?.max ?? DEFAULTS.retries;
  const baseDelayMs = opts.retries?.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxDelayMs = opts.retries?.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const concurrency = opts.concurrency ?? DEFAULTS.concurrency;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
  const now = opts.now ?? Date.now;
  const agentOpts = { keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency };
  const agent = base.protocol === 'https:' ? new https.Agent(agentOpts) : new http.Agent(agentOpts);
  const breaker = new CircuitBreaker({ ...opts.breaker, now: opts.breaker?.now ?? now });
  const limiter = new ConcurrencyLimiter(concurrency);
  // Verification threads for batch answers, started by the first one (a counter never needs them).
  let pool: Sm2Pool | undefined;

  const once = async <T>(spec: CallSpec<T>, requestId?: string): Promise<T> => {
    if (!breaker.tryAcquire()) {
      const secs = Math.ceil(breaker.retryInMs() / 1000);
      throw new RegistryError(
        'REGISTRY_CIRCUIT_OPEN',
        `The registry is offline (recent calls failed); the terminal works from its local copy and will try again${secs > 0 ? ` in ${secs} s` : ' shortly'}.`,
      );
    }
    let release: (() => void) | undefined;
    try {
      release = await limiter.acquire(
        totalMs,
        () =>
          new RegistryError(
            'REGISTRY_TIMEOUT',
            `Too many registry calls are waiting; none finished within ${totalMs} ms. Try again shortly.`,
          ),
      );
      const url = new URL(`v1/${spec.path}`, base);
      for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
      const headers = signedHeaders({
        appKey: opts.appKey,
        appSecret: opts.appSecret,
        method: spec.method,
        pathAndQuery: url.pathname + url.search,
        usage: spec.usage,
        now: now(),
        ...(spec.usage?.rowKey !== undefined ? { rowKey: spec.usage.rowKey } : {}),
      });
      const res = await httpRequest({
        url,
        method: spec.method,
        headers: { ...headers, accept: 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
        agent,
        connectTimeoutMs: connectMs,
        totalTimeoutMs: spec.totalMs ?? totalMs,
        maxBodyBytes,
      });
      const value = interpret(res, spec);
      breaker.success();
      return value;
    } catch (e) {
      if (e instanceof RegistryError && e.offline) breaker.failure();
      else if (e instanceof RegistryError) breaker.success();
      else breaker.release();
      throw e;
    } finally {
      release?.();
    }
  };

  const call = async <T>(spec: CallSpec<T>): Promise<T> => {
    // A key the registry would refuse is this terminal's bug: nothing is sent.
    if (spec.usage?.rowKey !== undefined && !ROW_KEY_PATTERN.test(spec.usage.rowKey))
      throw new RegistryError(
        'REGISTRY_BAD_REQUEST',
        `The row key "${spec.usage.rowKey.slice(0, 80)}" is not 1-64 of [A-Za-z0-9_.:-]; the ${spec.what} request was not sent. Tell the administrator.`,
      );
    // One id for the call and all its retries: a try that timed out here may still have reached
    // the registry, which then records the retry as the same use (x-request-id), not a second one.
    // Under a replay key the id is derived, so a run that resumes after a crash gets the same one.
    const requestId = spec.usage?.replayKey
      ? sm3Hex(`${spec.usage.replayKey}\n${spec.method} ${spec.path}?${queryText(spec.query)}`).slice(0, 32)
      : randomUUID();
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(spec, requestId);
      } catch (e) {
        const retryable =
          spec.method === 'GET' &&
          e instanceof RegistryError &&
          e.offline &&
          e.code !== 'REGISTRY_CIRCUIT_OPEN' &&
          attempt < maxRetries;
        if (!retryable) throw e;
        await sleep(backoffDelay(attempt, baseDelayMs, maxDelayMs));
      }
    }
  };

  const trust = new TrustStore({
    load: () =>
      call({ method: 'GET', path: 'issuers', schema: issuersAnswer, what: 'trust list' }).then((a) => a.issuers),
    ttlMs: opts.trust?.ttlMs,
    minRefreshIntervalMs: opts.trust?.minRefreshIntervalMs,
    ...(opts.trust?.pinned ? { pinned: opts.trust.pinned } : {}),
    ...(opts.trust?.onRefused ? { onRefused: opts.trust.onRefused } : {}),
    now,
  });

  // Any program's area list; clean-energy is the one the first items used.
  const programAreas = async (program: string, usage: UsageContext): Promise<ProgramArea[]> => {
    assertUsage(usage);
    const a = await call({
      method: 'GET',
      path: `programs/${encodeURIComponent(program)}/areas`,
      usage,
      schema: areasAnswer,
      what: 'program areas',
    });
    return a.areas;
  };

  const client: RegistryClient = {
    async search(holderCode: string, usage: CallUsage, typeCodes?: string[]): Promise<CatalogEntry[]> {
      assertUsage(usage);
      const a = await call({
        method: 'GET',
        path: 'licenses',
        query: { holderCode, holderType: '111', types: typeCodes?.length ? typeCodes.join(',') : undefined },
        usage,
        schema: searchAnswer,
        what: 'license search',
      });
      return a.items;
    },

    async get(identifier: string, usage: CallUsage): Promise<FetchedLicense> {
      assertUsage(usage);
      if (!parseLicenseId(identifier)) {
        throw new RegistryError(
          'REGISTRY_BAD_IDENTIFIER',
          `"${identifier}" is not a valid license identifier (wrong shape or check character); it was not sent to the registry. Search the holder again.`,
        );
      }
      const a = await call({
        method: 'GET',
        path: `licenses/${encodeURIComponent(identifier)}`,
        usage,
        schema: getAnswer,
        what: 'license',
      });
      const license = a.license as LicenseRecord;
      if (license.identifier !== identifier) {
        throw new RegistryError(
          'REGISTRY_MALFORMED',
          `The registry answered with license ${license.identifier} when asked for ${identifier}; the answer was discarded. Tell the administrator.`,
        );
      }
      const entries = await trust.forSigner(license.digitalSign.signer);
      return {
        license,
        verification: verifyLicense(license, entries, now()),
        fetchedAt: new Date(now()).toISOString(),
        source: 'registry',
      };
    },

    async batchLicenses(holders, usage, typeCodes) {
      assertUsage(usage);
      // Started before the call, so the threads load while the first answer is on its way.
      const threads = (pool ??= new Sm2Pool(opts.verifyThreads));
      const a = await call({
        method: 'GET',
        path: 'batch/licenses',
        query: {
          holders: holders.map((h) => h.holderCode).join(','),
          keys: holders.map((h) => h.key).join(','),
          types: typeCodes?.length ? typeCodes.join(',') : undefined,
        },
        usage,
        schema: batchAnswer,
        what: 'batch license search',
        // The registry signs every license of every holder: a full call takes longer than one holder's.
        totalMs: totalMs + 40 * holders.length,
      });
      if (a.results.length !== holders.length || a.results.some((r, i) => r.key !== holders[i]!.key))
        throw new RegistryError(
          'REGISTRY_MALFORMED',
          'The registry answered a batch call with other rows than were asked; the answer was discarded. Tell the administrator.',
        );
      if (
        a.results.some(
          (r) => r.licenses.some((n) => n >= a.licenses.length) || new Set(r.licenses).size < r.licenses.length,
        )
      )
        throw new RegistryError(
          'REGISTRY_MALFORMED',
          'The registry answered a batch call that points at licenses it did not send, or at one twice; the answer was discarded. Tell the administrator.',
        );
      const fetchedAt = new Date(now()).toISOString();
      const all = a.licenses as LicenseRecord[];
      const bySigner = new Map<string, ReadonlyMap<string, TrustEntry>>();
      for (const signer of new Set(all.map((l) => l.digitalSign.signer)))
        bySigner.set(signer, await trust.forSigner(signer));
      // Every license of the answer in one go, each once: the curve checks on the pool's threads.
      const states = await verifyLicenses(all, (l) => bySigner.get(l.digitalSign.signer)!, threads, now());
      // One fetched record per license, shared by the holders it concerns (read-only from here on).
      const fetched = all.map((license, i): FetchedLicense => ({
        license,
        verification: states[i]!,
        fetchedAt,
        source: 'registry',
      }));
      return a.results.map((r) => ({
        holderCode: r.holderCode,
        key: r.key,
        licenses: r.licenses.map((n) => fetched[n]!),
      }));
    },

    population: (query, usage) => populationPage(call, query, usage),

    async trustList(): Promise<TrustedIssuer[]> {
      return [...(await trust.get()).values()].map((e) => e.issuer);
    },

    async refreshTrustList(): Promise<TrustedIssuer[]> {
      return [...(await trust.refresh()).values()].map((e) => e.issuer);
    },

    cleanEnergyAreas: (usage: UsageContext): Promise<ProgramArea[]> => programAreas('clean-energy', usage),
    programAreas,

    async licenseTypes(): Promise<LicenseTypeInfo[]> {
      return (await call({ method: 'GET', path: 'license-types', schema: typesAnswer, what: 'license types' })).types;
    },

    async usageRecords(holderCode: string, usage: UsageContext): Promise<UsageRecord[]> {
      assertUsage(usage);
      const a = await call({
        method: 'GET',
        path: 'usage',
        query: { holderCode },
        usage,
        schema: usageAnswer,
        what: 'usage records',
      });
      return a.records;
    },

    state: () => breaker.state(),
    onState(listener) {
      breaker.on('state', listener);
      return () => breaker.off('state', listener);
    },
    on(_event, listener) {
      breaker.on('state', listener);
      return client;
    },
    off(_event, listener) {
      breaker.off('state', listener);
      return client;
    },
    close() {
      void pool?.close();
      pool = undefined;
      agent.destroy();
    },
  };
  return client;
}

const queryText = (q: CallSpec<unknown>['query']) =>
  Object.entries(q ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');

function interpret<T>(res: HttpResult, spec: CallSpec<T>): T {
  let json: unknown;
  const text = res.body.toString('utf8');
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (res.status >= 200 && res.status < 300) {
    if (json === undefined) {
      throw new RegistryError(
        'REGISTRY_MALFORMED',
        `The registry's ${spec.what} answer is not JSON (${res.headers['content-type'] ?? 'no content type'}); it was discarded. Try again; if it persists tell the administrator.`,
        { status: res.status },
      );
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || 'top level';
      throw new RegistryError(
        'REGISTRY_MALFORMED',
        `The registry's ${spec.what} answer has an unexpected shape (at ${where}); it was discarded. Tell the administrator.`,
        { status: res.status },
      );
    }
    return parsed.data;
  }
  const err = errorAnswer.safeParse(json);
  const details = {
    status: res.status,
    serverCode: err.success ? err.data.code : undefined,
    serverMessage: err.success ? err.data.message : undefined,
  };
  const said = details.serverMessage ? ` The registry said: ${details.serverMessage}` : '';
  if (res.status === 401 || res.status === 403) {
    throw new RegistryError(
      'REGISTRY_REFUSED',
      `The registry refused this terminal's credentials.${said} Check the terminal's registry app key and secret and that its clock is correct.`,
      details,
    );
  }
  if (res.status === 404) {
    throw new RegistryError('REGISTRY_NOT_FOUND', `The registry has no such ${spec.what}.${said}`, details);
  }
  if (res.status >= 400 && res.status < 500) {
    throw new RegistryError('REGISTRY_BAD_REQUEST', `The registry rejected the ${spec.what} request.${said}`, details);
  }
  throw new RegistryError(
    'REGISTRY_UNAVAILABLE',
    `The registry is temporarily unavailable (HTTP ${res.status}).${said} The terminal works from its local copy; try again in a minute.`,
    details,
  );
}
