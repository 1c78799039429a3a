import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'node:http';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { makeCore, type CoreOptions, type Fixture } from './core';

export interface WebFixture extends Fixture {
  host: WebHost;
  api(op: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  raw(o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply>;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const BUILT_RENDERER = resolve(__dirname, '../../out/renderer');

/**
 * The real web host, in this process, over a Core from `makeCore` (the process host is in
 * host-process.ts). It serves the renderer build when one exists (`npm run build`), else a
 * one-file stand-in, so the API tests need no build.
 */
export async function startWeb(o: CoreOptions = {}): Promise<WebFixture> {
  const f = await makeCore(o);
  let rendererDir = BUILT_RENDERER;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    rendererDir = mkdtempSync(join(tmpdir(), 'counter-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
  }
  const host = await startWebHost({ core: f.core, rendererDir, secret: 'test-secret-0123456789' });
  const raw: WebFixture['raw'] = (r) =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          agent: false,
          method: r.method ?? 'GET',
          path: r.path,
          headers: { Host: `127.0.0.1:${host.port}`, ...r.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      if (r.body !== undefined) req.write(r.body);
      req.end();
    });
  const api: WebFixture['api'] = (op, body, headers = {}) =>
    raw({
      method: 'POST',
      path: `/api/${encodeURIComponent(op)}`,
      headers: { Authorization: `Bearer ${host.secret}`, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  return {
    ...f,
    host,
    api,
    raw,
    async close() {
      await host.close();
      await f.close();
    },
  };
}

/** What must never reach a client: stack frames, source paths, SQL, internal error names. */
export const LEAK =
  /\n\s+at |node:internal|\/work\/|\.ts:\d|\.js:\d|SqliteError|SQLITE_|TypeError|ReferenceError|ZodError|better-sqlite3/;
