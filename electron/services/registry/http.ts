import http from 'node:http';
import https from 'node:https';
import { RegistryError } from './errors';

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  agent: http.Agent;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxBodyBytes: number;
}

function host(url: URL): string {
  return url.host;
}

/**
 * One HTTP exchange with a connect deadline, a whole-exchange deadline and a body cap; the body
 * is streamed and the socket dropped as soon as it passes the cap, so a hostile or broken registry
 * cannot make the terminal buffer megabytes. Every failure becomes a RegistryError.
 */
export function httpRequest(r: HttpRequest): Promise<HttpResult> {
  return new Promise<HttpResult>((resolve, reject) => {
    const mod = r.url.protocol === 'https:' ? https : http;
    let settled = false;
    const fail = (e: RegistryError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(totalTimer);
      req.destroy();
      reject(e);
    };
    const req = mod.request(r.url, { method: r.method, headers: r.headers, agent: r.agent });
    const totalTimer = setTimeout(
      () =>
        fail(
          new RegistryError(
            'REGISTRY_TIMEOUT',
            `The registry at ${host(r.url)} did not answer within ${r.totalTimeoutMs} ms. Try again; if it keeps happening, work from the local copy and tell the administrator.`,
          ),
        ),
      r.totalTimeoutMs,
    );
    req.on('socket', (socket) => {
      // A reused keep-alive socket is already connected; only a fresh one gets the connect deadline.
      if (!socket.connecting) return;
      const t = setTimeout(
        () =>
          fail(
            new RegistryError(
              'REGISTRY_TIMEOUT',
              `Could not connect to the registry at ${host(r.url)} within ${r.connectTimeoutMs} ms. Check the network cable or VPN; the terminal works from its local copy meanwhile.`,
            ),
          ),
        r.connectTimeoutMs,
      );
      socket.once('connect', () => clearTimeout(t));
      socket.once('close', () => clearTimeout(t));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      fail(
        new RegistryError(
          'REGISTRY_UNREACHABLE',
          `The registry at ${host(r.url)} could not be reached (${err.code ?? err.message}). Check the network; the terminal works from its local copy meanwhile.`,
          { cause: err },
        ),
      );
    });
    req.on('response', (res) => {
      const declared = Number(res.headers['content-length'] ?? NaN);
      const tooLarge = (): RegistryError =>
        new RegistryError(
          'REGISTRY_TOO_LARGE',
          `The registry sent an answer larger than the ${r.maxBodyBytes}-byte limit; it was discarded. Tell the administrator (the registry may be misconfigured).`,
          { status: res.statusCode },
        );
      if (Number.isFinite(declared) && declared > r.maxBodyBytes) return fail(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > r.maxBodyBytes) return fail(tooLarge());
        chunks.push(chunk);
      });
      res.on('aborted', () => undefined);
      res.on('error', () =>
        fail(
          new RegistryError(
            'REGISTRY_MALFORMED',
            `The registry's answer was cut off after ${size} bytes. Try again; the terminal works from its local copy meanwhile.`,
            { status: res.statusCode },
          ),
        ),
      );
      res.on('end', () => {
        if (settled) return;
        if (!res.complete || (Number.isFinite(declared) && size !== declared)) {
          return fail(
            new RegistryError(
              'REGISTRY_MALFORMED',
              `The registry's answer was cut off after ${size} bytes. Try again; the terminal works from its local copy meanwhile.`,
              { status: res.statusCode },
            ),
          );
        }
        settled = true;
        clearTimeout(totalTimer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks, size) });
      });
    });
    req.end(r.body);
  });
}
