import {
  TaskConflict,
  WorklistRefusal,
  claimTask,
  listWorklists,
  putWorklist,
  stepTaskOnce,
  worklistTasks,
} from './worklists';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { HALL_PATH, type HallEventEnvelope, type PairRequest } from '../protocol/hall-wire';
import { pair, pruneNonces, verify } from './auth';
import { dayHour } from './aggregates';
import { badRatingCounts } from './bad-ratings';
import { migrate } from './db/migrate';
import { poolPut, poolRead, poolReads, sealer } from './pool';
import { handling, stats, type StatsBy } from './stats';
import { ingest, SyncError } from './sync';

export interface HallOptions {
  databaseUrl: string;
  dataKey: Buffer;
  port?: number;
  tzOffsetMin?: number;
}
export interface HallServer {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

const MAX_BODY = 4 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((res, rej) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > MAX_BODY) {
        rej(new Error('too-large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => res(Buffer.concat(chunks).toString('utf8')));
    req.on('error', rej);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The hall's HTTP API on loopback or the hall LAN; every route but pairing is signed. */
export async function startHall(o: HallOptions): Promise<HallServer> {
  const pool = new pg.Pool({ connectionString: o.databaseUrl, max: 8 });
  // A lost connection is reported per query; an idle client's error must not kill the process.
  pool.on('error', (e) => console.error('[hall] idle database client:', e.message));
  await migrate(pool);
  const s = sealer(o.dataKey);
  // Given to each terminal at pairing: derived, so the data key itself never leaves the hall.
  const personKey = createHmac('sha256', o.dataKey).update('hall-person-hash/v1').digest('hex');
  const tz = o.tzOffsetMin ?? 480;
  const prune = setInterval(() => void pruneNonces(pool).catch(() => undefined), 60_000);
  prune.unref();

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (e instanceof SyncError) return send(res, 409, { code: e.code, params: e.params });
      if (e instanceof TaskConflict) return send(res, 409, { code: 'HALL_TASK_CONFLICT', params: { task: e.current } });
      if (e instanceof WorklistRefusal) return send(res, e.status, { code: e.code, params: e.params });
      const msg = (e as Error).message;
      if (msg === 'HALL_BAD_QUERY' || e instanceof SyntaxError) return send(res, 400, { code: 'HALL_BAD_QUERY' });
      if (msg === 'HALL_NOT_FOUND') return send(res, 404, { code: 'HALL_NOT_FOUND' });
      console.error('[hall]', msg);
      send(res, 503, { code: 'HALL_UNAVAILABLE' });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'POST' && path === HALL_PATH.pair) {
      const p = JSON.parse(body) as PairRequest;
      const r = await pair(pool, String(p.code ?? ''), String(p.name ?? ''), String(p.area ?? ''));
      if (!r) {
        await pool.query(
          "INSERT INTO auth_refusals (reason, method, path, remote) VALUES ('bad-pairing-code', 'POST', $1, $2)",
          [path, req.socket.remoteAddress ?? null],
        );
        return send(res, 401, { code: 'HALL_PAIRING_REFUSED' });
      }
      return send(res, 200, { ...r, personKey });
    }
    const auth = await verify(pool, req, body);
    if (!auth.ok) return send(res, 401, { code: 'HALL_UNAUTHORISED', params: { reason: auth.reason } });
    const q = new URL(req.url ?? '/', 'http://hall').searchParams;
    const caller = { terminalId: auth.terminalId, area: auth.area };
    if (req.method === 'POST' && path === HALL_PATH.events) {
      const { events } = JSON.parse(body) as { events: HallEventEnvelope[] };
      return send(res, 200, await ingest(pool, auth.terminalId, events, tz));
    }
    if (req.method === 'GET' && path === HALL_PATH.stats) {
      const from = q.get('from') ?? '';
      const to = q.get('to') ?? '';
      const clerkId = q.get('clerk') ?? undefined;
      if (q.get('by') === 'handling') return send(res, 200, { rows: await handling(pool, { from, to, clerkId }) });
      return send(res, 200, {
        rows: await stats(pool, { from, to, by: (q.get('by') ?? 'total') as StatsBy, clerkId }),
      });
    }
    if (req.method === 'GET' && path === HALL_PATH.badRatings) {
      const today = dayHour(Date.now(), tz).day;
      return send(res, 200, await badRatingCounts(pool, { today, clerkId: q.get('clerk') ?? undefined }));
    }
    if (req.method === 'POST' && path === HALL_PATH.poolPut) {
      await poolPut(pool, s, auth.terminalId, JSON.parse(body));
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && path === HALL_PATH.poolRead) {
      return send(res, 200, { values: await poolRead(pool, s, auth.terminalId, JSON.parse(body)) });
    }
    if (req.method === 'GET' && path === HALL_PATH.poolReads) {
      return send(res, 200, { rows: await poolReads(pool, Number(q.get('since') ?? 0)) });
    }
    if (req.method === 'POST' && path === HALL_PATH.worklistPut) {
      return send(res, 200, { added: await putWorklist(pool, s, caller, JSON.parse(body)) });
    }
    if (req.method === 'GET' && path === HALL_PATH.worklistList) {
      return send(res, 200, { worklists: await listWorklists(pool, caller, { area: q.get('area') ?? '' }) });
    }
    if (req.method === 'GET' && path === HALL_PATH.worklistTasks) {
      const since = Number(q.get('since') ?? -1);
      return send(res, 200, {
        tasks: await worklistTasks(pool, s, caller, {
          id: q.get('id') ?? '',
          area: q.get('area') ?? '',
          sinceMs: since,
        }),
      });
    }
    if (req.method === 'POST' && path === HALL_PATH.worklistClaim) {
      const k = JSON.parse(body) as { id: string; seq: number; version: number; byUser?: string };
      return send(res, 200, { task: await claimTask(pool, s, caller, k) });
    }
    if (req.method === 'POST' && path === HALL_PATH.worklistStep) {
      const { task, repeated, versionAfter } = await stepTaskOnce(pool, s, caller, JSON.parse(body));
      return send(res, 200, { task, versionAfter, ...(repeated ? { repeated } : {}) });
    }
    send(res, 404, { code: 'HALL_NOT_FOUND' });
  }

  await new Promise<void>((r) => server.listen(o.port ?? 0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pool,
    close: async () => {
      clearInterval(prune);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await pool.end();
    },
  };
}
