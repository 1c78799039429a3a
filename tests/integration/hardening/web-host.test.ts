import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAK, startWeb, type WebFixture } from '../../helpers/web';

let w: WebFixture;
beforeAll(async () => {
  w = await startWeb();
  await w.addAccount('c1', ['clerk']);
});
afterAll(() => w.close());

const SECURE = {
  'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

describe('web host hardening', () => {
  it('sends the secure headers on pages, API answers, refusals and 404s', async () => {
    const replies = [
      await w.raw({ path: '/' }),
      await w.api('app.info', {}),
      await w.api('app.info', {}, { Authorization: 'Bearer wrong' }),
      await w.raw({ path: '/nope' }),
      await w.raw({ path: '/', headers: { Host: 'evil.example' } }),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 200, 401, 404, 403]);
    for (const r of replies) {
      expect(r.headers).toMatchObject(SECURE);
      expect(r.headers['content-security-policy']).not.toMatch(/unsafe-eval/);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('refuses a body over 1 MB with 413', async () => {
    const body = JSON.stringify({ userId: 'x', password: 'a'.repeat(1_100_000) });
    const r = await w.raw({
      method: 'POST',
      path: '/api/auth.signIn',
      headers: { Authorization: `Bearer ${w.host.secret}`, 'Content-Type': 'application/json' },
      body,
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text)).toMatchObject({ ok: false, error: { code: 'INVALID_BODY_TOO_LARGE' } });
  });

  it('refuses cross-site origins and rebinding hosts', async () => {
    expect((await w.api('app.info', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await w.api('app.info', {}, { Host: 'attacker.example:80' })).status).toBe(403);
  });

  it('rate-limits sign-in attempts per terminal over HTTP', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 20; i++)
      codes.push(
        (
          JSON.parse((await w.api('auth.signIn', { userId: 'c1', password: `guess-${i}` })).text) as {
            error: { code: string };
          }
        ).error.code,
      );
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('AUTH_INVALID_CREDENTIALS'));
    expect(codes.slice(5).every((c) => c === 'AUTH_THROTTLED' || c === 'AUTH_RATE_LIMITED')).toBe(true);
  });

  it('puts no stack trace or internals in any error response', async () => {
    const auth = { Authorization: `Bearer ${w.host.secret}` };
    const cases = [
      {
        method: 'POST',
        path: '/api/auth.signIn',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: '{"userId":',
      },
      { method: 'POST', path: '/api/auth.signIn', headers: { ...auth, 'Content-Type': 'text/plain' }, body: 'x' },
      { method: 'GET', path: '/api/auth.signIn', headers: auth },
      { method: 'POST', path: '/api/no.such.op', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' },
      { method: 'POST', path: '/api/%E0%A4%A', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' },
      {
        method: 'POST',
        path: '/api/auth.signIn',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: '{"__proto__":{"admin":true},"userId":1}',
      },
      {
        method: 'POST',
        path: '/api/audit.export',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: '[]',
      },
      { method: 'GET', path: '/..%2f..%2fetc%2fpasswd' },
      { method: 'GET', path: '/%00' },
      { method: 'GET', path: '/%E0%A4%A' },
    ];
    for (const c of cases) {
      const r = await w.raw(c);
      expect(r.text, `${c.method} ${c.path}`).not.toMatch(LEAK);
      expect(r.status, `${c.method} ${c.path}`).toBeLessThan(500);
    }
    // ...and the host is still serving afterwards.
    expect((await w.raw({ path: '/' })).status).toBe(200);
  });
});
