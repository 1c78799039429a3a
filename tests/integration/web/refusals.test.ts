import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../../electron/web/server';
import { startWeb, type WebFixture } from '../../helpers/web';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  h: WebHost,
  path: string,
  headers: Record<string, string>,
  body?: string,
  method = 'POST',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: h.port, path, method, headers: { Host: `127.0.0.1:${h.port}`, ...headers } },
      (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('web host refusals', () => {
  let w: WebFixture;
  let h: WebHost;
  let auth: Record<string, string>;
  beforeAll(async () => {
    w = await startWeb({ mode: 'training' });
    h = w.host;
    auth = { Authorization: `Bearer ${h.secret}`, 'Content-Type': 'application/json' };
  });
  afterAll(() => w.close());

  it('answers a correct call', async () => {
    const r = await send(h, '/api/app.info', { ...auth, Origin: `http://127.0.0.1:${h.port}` }, '{}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { mode: 'training', host: 'web' } });
  });

  it('accepts localhost as the host name too', async () => {
    const r = await send(h, '/api/app.info', { ...auth, Host: `localhost:${h.port}` }, '{}');
    expect(r.status).toBe(200);
  });

  it('refuses a call without the secret (401)', async () => {
    const r = await send(h, '/api/app.info', { 'Content-Type': 'application/json' }, '{}');
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.code).toBe('AUTH_SECRET');
  });

  it('refuses a wrong secret of the same length (401)', async () => {
    const wrong = h.secret.replace(/./, (c) => (c === 'a' ? 'b' : 'a'));
    const r = await send(h, '/api/app.info', { ...auth, Authorization: `Bearer ${wrong}` }, '{}');
    expect(r.status).toBe(401);
  });

  it('refuses another Origin even with the right secret (403)', async () => {
    const r = await send(h, '/api/app.info', { ...auth, Origin: 'http://evil.example' }, '{}');
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.code).toBe('FORBIDDEN_ORIGIN');
  });

  it('refuses an Origin on another local port (403)', async () => {
    const r = await send(h, '/api/app.info', { ...auth, Origin: `http://127.0.0.1:${h.port + 1}` }, '{}');
    expect(r.status).toBe(403);
  });

  it('refuses a foreign Host header, as after DNS rebinding (403)', async () => {
    for (const host of ['evil.example', `evil.example:${h.port}`, `127.0.0.1:${h.port + 1}`, `0.0.0.0:${h.port}`]) {
      const r = await send(h, '/api/app.info', { ...auth, Host: host }, '{}');
      expect(r.status, host).toBe(403);
    }
    const page = await send(h, '/', { Host: `rebind.example:${h.port}` }, undefined, 'GET');
    expect(page.status).toBe(403);
  });

  it('refuses the event stream without the secret', async () => {
    const r = await send(h, '/api/events', {}, undefined, 'GET');
    expect(r.status).toBe(401);
  });

  it('never sends CORS headers, even to a preflight', async () => {
    const pre = await send(
      h,
      '/api/app.info',
      { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
      undefined,
      'OPTIONS',
    );
    expect(pre.status).toBeGreaterThanOrEqual(400);
    const ok = await send(h, '/api/app.info', auth, '{}');
    for (const r of [pre, ok]) {
      expect(Object.keys(r.headers).filter((k) => k.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('listens on 127.0.0.1 only', () => {
    const addr = h.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
  });

  it('serves static files with no secret or personal data in them', async () => {
    const r = await send(h, '/', {}, undefined, 'GET');
    expect(r.status).toBe(200);
    expect(r.body).not.toContain(h.secret);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('does not serve files outside the renderer build', async () => {
    const r = await send(h, '/..%2f..%2fpackage.json', {}, undefined, 'GET');
    expect(r.status).toBe(404);
  });

  it('rejects bad JSON, unknown operations and bad arguments with typed errors', async () => {
    const bad = await send(h, '/api/app.info', auth, '{not json');
    expect(JSON.parse(bad.body).error.code).toBe('INVALID_JSON');
    const unknown = JSON.parse((await send(h, '/api/nope.nothing', auth, '{}')).body);
    expect(unknown.error.code).toBe('UNKNOWN_OPERATION');
    const arg = JSON.parse((await send(h, '/api/prefs.setLanguage', auth, '{"language":"fr"}')).body);
    expect(arg.error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'language' });
  });

  it('takes only application/json, with optional parameters, as a JSON body (415 otherwise)', async () => {
    const type = async (t: string) =>
      (await send(h, '/api/app.info', { Authorization: `Bearer ${h.secret}`, 'Content-Type': t }, '{}')).status;
    for (const t of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;charset=UTF-8',
      'application/json ; charset="utf-8"',
    ])
      expect.soft(await type(t), t).toBe(200);
    for (const t of [
      'application/jsonx',
      'application/json-patch+json',
      'application/json5',
      'application/jsonp; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=application/json',
    ]) {
      expect.soft(await type(t), t).toBe(415);
    }
    const r = await send(
      h,
      '/api/app.info',
      { Authorization: `Bearer ${h.secret}`, 'Content-Type': 'application/jsonx' },
      '{}',
    );
    expect(JSON.parse(r.body).error.code).toBe('INVALID_CONTENT_TYPE');
  });
});
