import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MIMEType } from 'node:util';
import { dispatch } from '../api/dispatch';
import type { Core } from '../services/core/core';
import { checkHost, checkOrigin, checkSecret, type Refusal } from './guard';
import { secureHeaders, sendJson } from './headers';
import { openEventStream } from './sse';
import { serveStatic } from './static';

export interface WebHostOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  /** Tests pass a fixed secret; a launch makes a fresh one. */
  secret?: string;
  /** The citizen screen's own secret (citizen operations only); a launch makes a fresh one. */
  citizenSecret?: string;
  maxBodyBytes?: number;
}

export interface WebHost {
  server: Server;
  port: number;
  secret: string;
  citizenSecret: string;
  url: string;
  /** The citizen-facing page, for a second monitor or a touch screen on this PC. */
  citizenUrl: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** application/json with optional parameters (charset…), case-insensitive; not application/jsonx or +json. */
function isJsonType(header: string | undefined): boolean {
  try {
    return new MIMEType(header ?? '').essence === 'application/json';
  } catch {
    return false;
  }
}

function refuse(res: ServerResponse, r: Refusal): void {
  sendJson(res, r.status, { ok: false, error: { code: r.code, message: r.message } });
}

async function handleApi(
  o: WebHostOptions,
  port: number,
  secrets: { clerk: string; citizen: string },
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  // Which secret was shown decides the caller; the citizen's opens only the citizen operations.
  const citizen = checkSecret(req, secrets.citizen) === null;
  const refusal = checkOrigin(req, port) ?? (citizen ? null : checkSecret(req, secrets.clerk));
  if (refusal) return refuse(res, refusal);
  if (path === '/api/events' && req.method === 'GET')
    return openEventStream(o.core, req, res, citizen ? 'citizen' : 'clerk');
  if (req.method !== 'POST')
    return sendJson(res, 405, { ok: false, error: { code: 'METHOD', message: 'Use POST for API operations.' } });
  if (!isJsonType(req.headers['content-type'])) {
    return sendJson(res, 415, { ok: false, error: { code: 'INVALID_CONTENT_TYPE', message: 'Send a JSON body.' } });
  }
  let args: unknown;
  try {
    const text = await readBody(req, o.maxBodyBytes ?? 1_000_000);
    args = text.length ? JSON.parse(text) : {};
  } catch (err) {
    if (err instanceof BodyTooLarge)
      return sendJson(res, 413, {
        ok: false,
        error: { code: 'INVALID_BODY_TOO_LARGE', message: 'Request body too large.' },
      });
    return sendJson(res, 400, {
      ok: false,
      error: { code: 'INVALID_JSON', message: 'The request body is not valid JSON.' },
    });
  }
  let name: string;
  try {
    name = decodeURIComponent(path.slice('/api/'.length));
  } catch {
    // A malformed %-escape is the caller's mistake, not a server failure.
    return sendJson(res, 400, {
      ok: false,
      error: { code: 'UNKNOWN_OPERATION', message: 'The operation name is not valid.' },
    });
  }
  const result = await dispatch({ core: o.core, host: 'web', caller: citizen ? 'citizen' : 'clerk' }, name, args);
  sendJson(res, 200, result);
}

/** The same API as the desktop, over HTTP on 127.0.0.1 only, guarded by a per-launch secret. */
export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const secret = o.secret ?? randomBytes(24).toString('base64url');
  const citizenSecret = o.citizenSecret ?? randomBytes(24).toString('base64url');
  if (citizenSecret === secret) throw new Error('The citizen secret must differ from the terminal secret.');
  let port = o.port ?? 0;
  const server = createServer((req, res) => {
    secureHeaders(res);
    const hostRefusal = checkHost(req, port);
    if (hostRefusal) return refuse(res, hostRefusal);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/api/')) {
      handleApi(o, port, { clerk: secret, citizen: citizenSecret }, req, res, path).catch((err: unknown) => {
        o.core.log(`web host request failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent)
          sendJson(res, 500, {
            ok: false,
            error: { code: 'INTERNAL', message: 'Internal error; see the terminal log.' },
          });
        else res.destroy();
      });
      return;
    }
    // /citizen is the same single-page bundle; the page picks the citizen screen from its path.
    const file = path === '/citizen' ? '/' : path;
    if ((req.method === 'GET' || req.method === 'HEAD') && serveStatic(o.rendererDir, file, res)) return;
    sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Not found.' } });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    secret,
    citizenSecret,
    url: `http://127.0.0.1:${port}/#secret=${secret}`,
    citizenUrl: `http://127.0.0.1:${port}/citizen#secret=${citizenSecret}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
