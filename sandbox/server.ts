import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import typesJson from '../resources/registry/license-types.json';
import { ApiError, NonceStore, authenticate, readUsage } from './auth';
import { SandboxDepartment, type DepartmentOptions } from './department/api';
import { SandboxRatings } from './haocha/api';
import { SandboxData } from './data';
import { NO_FAULTS, faultsSchema, type Faults, type FaultsInput } from './faults';
import type { DemoResident } from './generator/demo';
import { UsageLog, type UsageRecord } from './usage-log';
import { batchLicenses, BatchInputError } from './batch';
import { jsonBody } from './json-text';
import { RowUses } from './row-uses';
import { ROW_KEY_HEADER, ROW_KEY_PATTERN } from '../protocol/request-auth';
import { populationPage, PopulationInputError } from './population';
import { econFaultsSchema, sourceFault, type EconFaults, type EconFaultsInput } from './econ/faults';
import { ECON_TYPES } from './econ/book';
import type { UsageContext } from '../protocol/registry-types';

/**
 * Thrown to drop the connection without an answer (a fault that hits one endpoint only).
 * `processed`: the call did its work (and recorded its uses) before the answer was lost.
 */
class DropConnection extends Error {
  constructor(readonly processed = false) {
    super('connection dropped');
  }
}

/**
 * X-Row-Key of a per-person call (a batch line's person): absent is fine, malformed is refused
 * like a malformed batch key, so nothing unstorable ever decides whether a use is recorded.
 */
function rowKeyOf(req: IncomingMessage): string | undefined {
  const v = req.headers[ROW_KEY_HEADER];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !ROW_KEY_PATTERN.test(v))
    throw new ApiError(400, 'PARAM_INVALID', `${ROW_KEY_HEADER} must be one row key, 1-64 of [A-Za-z0-9_.:-].`);
  return v;
}

/** Training values, documented in sandbox/README.md. They protect synthetic data only; never use them for a real registry. */
export const TRAINING_CREDENTIALS = {
  appKey: 'training-terminal',
  appSecret: 'sandbox-only-training-secret-not-for-production',
  adminSecret: 'sandbox-only-admin-secret',
} as const;

export interface SandboxOptions {
  port?: number;
  host?: string;
  seed?: string;
  residents?: number;
  today?: string;
  appKey?: string;
  appSecret?: string;
  adminSecret?: string;
  faults?: FaultsInput;
  now?: () => number;
  /** The department back-office (/dept/v1): its rules and faults; it accepts the same app credentials. */
  department?: DepartmentOptions;
  /** Per-source faults of the economic sources (sandbox/econ). */
  econFaults?: EconFaultsInput;
  /** Sign licenses before serving (SandboxData.presign): 'all', or these type codes. */
  presign?: 'all' | readonly string[];
}

export interface SandboxHandle {
  url: string;
  port: number;
  appKey: string;
  appSecret: string;
  adminSecret: string;
  data: SandboxData;
  usage: UsageLog;
  faults(): Faults;
  setFaults(f: FaultsInput): Faults;
  econFaults(): EconFaults;
  setEconFaults(f: EconFaultsInput): EconFaults;
  demoResidents(): DemoResident[];
  department: SandboxDepartment;
  /** The 好差评 platform (/haocha/v1). */
  ratings: SandboxRatings;
  close(): Promise<void>;
}

const MAX_REQUEST_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BODY) reject(new ApiError(413, 'TOO_LARGE', 'Request body over 64 KiB.'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(jsonBody(value));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}

const isLoopback = (req: IncomingMessage): boolean =>
  ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const now = opts.now ?? Date.now;
  const data = new SandboxData({ seed: opts.seed, residents: opts.residents, today: opts.today });
  if (opts.presign) data.presign(opts.presign === 'all' ? undefined : opts.presign);
  const appKey = opts.appKey ?? TRAINING_CREDENTIALS.appKey;
  const appSecret = opts.appSecret ?? TRAINING_CREDENTIALS.appSecret;
  const adminSecret = opts.adminSecret ?? TRAINING_CREDENTIALS.adminSecret;
  const apps = new Map([[appKey, appSecret]]);
  const nonces = new NonceStore();
  const usage = new UsageLog();
  // (app, case number, row key) already used, shared by the batch endpoint and the per-person calls.
  const rowUses = new RowUses();
  let faults: Faults = faultsSchema.parse(opts.faults ?? {});
  let econFaults: EconFaults = econFaultsSchema.parse(opts.econFaults ?? {});
  // A source behind the platform that is down or slow: the platform itself still answers.
  const econGate = async (typeCodes: readonly string[]): Promise<void> => {
    let wait = 0;
    for (const t of typeCodes) {
      const src = data.econ.sourceOf(t);
      if (!src) continue;
      const f = sourceFault(econFaults, src.key);
      wait = Math.max(wait, f.latencyMs);
      if (f.down) {
        if (wait) await new Promise((r) => setTimeout(r, wait));
        throw new ApiError(424, 'SOURCE_UNAVAILABLE', `The source ${src.issuerCode} (${src.nameEn}) did not answer.`);
      }
    }
    if (wait) await new Promise((r) => setTimeout(r, wait));
  };
  const department = new SandboxDepartment(apps, now, opts.department);
  const ratings = new SandboxRatings(apps, now);

  /**
   * `use.partOf`: the call answered under a row key already used for its person; it is part of
   * that use and adds no record (sandbox/README.md, "One use per batch line's person").
   */
  const api = async (
    req: IncomingMessage,
    url: URL,
    body: Buffer,
    record: Partial<UsageRecord>,
    use: { partOf: boolean },
  ): Promise<unknown> => {
    record.appKey = authenticate(req, body, apps, nonces, now());
    const rid = req.headers['x-request-id'];
    if (typeof rid === 'string' && /^[\w-]{8,64}$/.test(rid)) record.requestId = rid;
    if (req.method !== 'GET') throw new ApiError(405, 'METHOD', 'Only GET is offered under /v1/.');
    const path = url.pathname;
    if (path === '/v1/license-types') return { types: typesJson.types };
    if (path === '/v1/issuers') return { issuers: data.trustList() };
    const u: UsageContext = readUsage(req);
    Object.assign(record, u);
    const program = /^\/v1\/programs\/([a-z0-9-]{1,40})\/areas$/.exec(path)?.[1];
    if (program) {
      const areas = data.programAreas(program);
      if (!areas) throw new ApiError(404, 'NOT_FOUND', `No program "${program}".`);
      return { areas };
    }
    if (path === '/v1/licenses' || path === '/v1/usage') {
      const holderCode = url.searchParams.get('holderCode') ?? '';
      if (!holderCode)
        throw new ApiError(400, 'PARAM_MISSING', "Query parameter holderCode (the holder's ID number) is missing.");
      record.holderCode = holderCode;
      if (path === '/v1/usage') return { records: usage.forHolder(holderCode) };
      const key = rowKeyOf(req);
      if (key) record.key = key;
      const holderType = url.searchParams.get('holderType') ?? '111';
      if (holderType !== '111')
        throw new ApiError(
          400,
          'PARAM_INVALID',
          `holderType ${holderType} is not offered; only 111 (citizen ID number).`,
        );
      const types = url.searchParams.get('types')?.split(',').filter(Boolean);
      if (types) record.types = types.join(',');
      const refs = data.book.refsForHolder(holderCode);
      const items = refs.map((r) => data.book.catalog(r)).filter((c) => !types || types.includes(c.certificateType));
      // Economic records are listed only when asked for by type (never at a plain card-read search).
      const econ = types?.filter((t) => ECON_TYPES.has(t)) ?? [];
      if (econ.length) {
        await econGate(econ);
        items.push(...data.econ.entries(holderCode, econ));
      }
      if (key) use.partOf = !rowUses.claim(record.appKey!, u.caseNumber, key, holderCode);
      return { items };
    }
    if (path === '/v1/population') {
      if (faults.populationDown) throw new DropConnection();
      try {
        const page = populationPage(url, data);
        // Each person answered is a use of their data, visible to them under /v1/usage like a license fetch.
        for (const p of page.people)
          usage.add({ ...(record as UsageRecord), ...u, holderCode: p.idNumber, status: 200 });
        if (faults.populationOvershare)
          return {
            ...page,
            people: page.people.map((p) => ({ ...p, address: '示范市某路1号', phone: '13800000000' })),
          };
        return page;
      } catch (e) {
        if (e instanceof PopulationInputError) throw new ApiError(400, 'PARAM_INVALID', e.message);
        throw e;
      }
    }
    if (path === '/v1/batch/licenses') {
      if (faults.batchDown) throw new DropConnection();
      try {
        const out = batchLicenses(url, { ...record, ...u }, data, faults, usage, rowUses);
        // The uses are recorded; the terminal never hears so and asks the same people one by one.
        if (faults.batchAnswerLost) throw new DropConnection(true);
        return out;
      } catch (e) {
        if (e instanceof BatchInputError) throw new ApiError(400, 'PARAM_INVALID', e.message);
        throw e;
      }
    }
    const m = /^\/v1\/licenses\/([^/]+)$/.exec(path);
    if (m) {
      const identifier = decodeURIComponent(m[1]!);
      record.identifier = identifier;
      const key = rowKeyOf(req);
      if (key) record.key = key;
      const econRef = data.econ.resolve(identifier);
      if (econRef) {
        await econGate([econRef.typeCode]);
        const license = data.econ.license(econRef.typeCode, econRef.index, econFaults);
        record.holderCode = license.certificateHolderCode;
        if (key) use.partOf = !rowUses.claim(record.appKey!, u.caseNumber, key, license.certificateHolderCode);
        return { license };
      }
      const ref = data.book.resolve(identifier);
      if (!ref) throw new ApiError(404, 'NOT_FOUND', `No license with identifier ${identifier}.`);
      const license = data.license(ref, faults);
      record.holderCode = license.certificateHolderCode;
      // Part of the key's use when it concerns that person: a household register found by any
      // member, a title by any owner, as the search by that person listed it.
      if (key)
        use.partOf = !rowUses.claim(
          record.appKey!,
          u.caseNumber,
          key,
          license.certificateHolderCode,
          (b) =>
            b === license.certificateHolderCode ||
            data.book.refsForHolder(b).some((r) => r.key === ref.key && r.index === ref.index),
        );
      return { license };
    }
    throw new ApiError(404, 'NO_ROUTE', `No API at ${path}.`);
  };

  const admin = async (req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> => {
    if (!isLoopback(req))
      return send(res, 403, { code: 'LOOPBACK_ONLY', message: 'The admin API answers loopback callers only.' });
    const given = req.headers['x-admin-secret'];
    if (given !== adminSecret)
      return send(res, 401, { code: 'ADMIN_REFUSED', message: 'X-Admin-Secret missing or wrong.' });
    if (url.pathname.startsWith('/admin/department')) return department.admin(req, res, url, body, send);
    if (url.pathname === '/admin/econ') {
      if (req.method === 'GET') return send(res, 200, { faults: econFaults });
      let p;
      try {
        p = econFaultsSchema.safeParse(JSON.parse(body.toString('utf8') || '{}'));
      } catch {
        return send(res, 400, { code: 'BAD_JSON', message: 'Body must be JSON.' });
      }
      if (!p.success)
        return send(res, 400, {
          code: 'BAD_FAULTS',
          message: p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        });
      econFaults = p.data;
      return send(res, 200, { faults: econFaults });
    }
    if (url.pathname === '/admin/ratings/received' && req.method === 'GET')
      return send(res, 200, { totals: ratings.totals, ratings: ratings.received() });
    if (url.pathname !== '/admin/faults')
      return send(res, 404, { code: 'NO_ROUTE', message: `No admin API at ${url.pathname}.` });
    if (req.method === 'GET') return send(res, 200, { faults });
    let parsed;
    try {
      parsed = faultsSchema.safeParse(JSON.parse(body.toString('utf8') || '{}'));
    } catch {
      return send(res, 400, { code: 'BAD_JSON', message: 'Body must be JSON.' });
    }
    if (!parsed.success)
      return send(res, 400, {
        code: 'BAD_FAULTS',
        message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
    faults = parsed.data;
    send(res, 200, { faults });
  };

  const sendFaulty = (res: ServerResponse, status: number, value: unknown): void => {
    if (faults.nonJson) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><body><h1>502 Bad Gateway</h1>nginx</body></html>');
    }
    if (faults.oversizeBytes > 0) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let left = faults.oversizeBytes;
      const pump = (): void => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!res.write(chunk.subarray(0, n))) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (left = 0));
      return pump();
    }
    if (faults.truncate) {
      const body = Buffer.from(jsonBody(value));
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      return void setTimeout(() => res.socket?.destroy(), 5);
    }
    send(res, status, value);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    void (async () => {
      const body = await readBody(req).catch(() => Buffer.alloc(0));
      if (url.pathname.startsWith('/admin/')) return admin(req, res, url, body);
      if (url.pathname === '/sandbox/demo-residents' && isLoopback(req))
        return send(res, 200, { residents: data.demoResidents() });
      if (url.pathname === '/healthz') return send(res, 200, { ok: true });
      // The department has its own faults: the registry can be down while the department answers, and the reverse.
      if (url.pathname.startsWith('/dept/')) return department.handle(req, res, url, body, send);
      if (url.pathname.startsWith('/haocha/')) {
        if (faults.ratingsDown) return void req.socket.destroy();
        return ratings.handle(req, res, url, body, send);
      }
      if (faults.down) return void req.socket.destroy();
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      if (faults.errorRate > 0 && Math.random() < faults.errorRate) {
        return send(res, 503, { code: 'UNAVAILABLE', message: 'Registry temporarily unavailable (sandbox fault).' });
      }
      const record: Partial<UsageRecord> = {
        at: new Date(now()).toISOString(),
        method: req.method ?? 'GET',
        path: url.pathname,
      };
      let status = 200;
      let out: unknown;
      const use = { partOf: false };
      const log = (status: number) =>
        usage.add({
          appKey: '',
          organisation: '',
          clerk: '',
          itemName: '',
          itemCode: '',
          caseNumber: '',
          reason: '',
          ...record,
          status,
        } as UsageRecord);
      try {
        out = await api(req, url, body, record, use);
      } catch (e) {
        if (e instanceof DropConnection) {
          if (e.processed) log(200);
          return void req.socket.destroy();
        }
        const err =
          e instanceof ApiError ? e : new ApiError(500, 'INTERNAL', 'Internal error in the sandbox registry.');
        status = err.status;
        out = { code: err.code, message: err.message };
      }
      if (!use.partOf) log(status);
      sendFaulty(res, status, out);
    })().catch(() => res.destroy());
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    appKey,
    appSecret,
    adminSecret,
    data,
    usage,
    faults: () => faults,
    setFaults: (f) => (faults = faultsSchema.parse(f)),
    econFaults: () => econFaults,
    setEconFaults: (f) => (econFaults = econFaultsSchema.parse(f)),
    demoResidents: () => data.demoResidents(),
    department,
    ratings,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export { NO_FAULTS };
