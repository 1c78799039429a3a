import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_LOCK_GRACE_MS } from '../../../electron/services/accounts/sessions';
import { PASSWORD } from '../../helpers/core';
import { startWeb, type WebFixture } from '../../helpers/web';

/**
 * The lock over the real web host: after the idle time the server itself refuses data operations
 * and stops pushing personal-data events, whatever the page does; only the password unlocks.
 */
let now = 10_000_000;
let w: WebFixture;
beforeAll(async () => {
  w = await startWeb({ config: { idleLockSeconds: 30 }, accounts: { now: () => now } });
  await w.addAccount('s1', ['clerk', 'supervisor']);
});
afterAll(() => w.close());

/** Collects the event names the SSE stream delivers. */
function listen(): { events: string[]; close(): void } {
  const events: string[] = [];
  const req = request(
    {
      host: '127.0.0.1',
      port: w.host.port,
      path: '/api/events',
      agent: false,
      headers: { Host: `127.0.0.1:${w.host.port}`, Authorization: `Bearer ${w.host.secret}` },
    },
    (res) =>
      res.on('data', (d: Buffer) => {
        for (const m of d.toString().matchAll(/^event: (\S+)$/gm)) events.push(m[1]!);
      }),
  );
  req.end();
  return { events, close: () => req.destroy() };
}

const body = (r: { text: string }) => JSON.parse(r.text) as { ok: boolean; error?: { code: string } };
const tick = () => new Promise((r) => setTimeout(r, 100));

describe('idle lock over HTTP', () => {
  it('hides personal data from API and events until the password is given', async () => {
    const sse = listen();
    await tick();
    const card = () => w.core.bus.emit('card.placed', { readId: 'r1', name: '张三' } as never);
    card();
    expect(body(await w.api('auth.signIn', { userId: 's1', password: PASSWORD })).ok).toBe(true);
    card();
    expect(body(await w.api('audit.verify', {})).ok).toBe(true);

    now += 30_000 + SERVER_LOCK_GRACE_MS + 1;
    expect(body(await w.api('audit.verify', {})).error?.code).toBe('SESSION_LOCKED');
    card();
    expect(
      body(await w.api('audit.export', { from: '2024-01-01', to: '2024-01-01', format: 'json' })).error?.code,
    ).toBe('SESSION_LOCKED');
    expect(body(await w.api('auth.unlock', { password: 'not-it' })).error?.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(body(await w.api('auth.unlock', { password: PASSWORD })).ok).toBe(true);
    card();
    await tick();
    sse.close();
    // Delivered while signed in and after unlock; withheld while signed out and while locked.
    expect(sse.events.filter((e) => e === 'card.placed')).toHaveLength(2);
    expect(sse.events.filter((e) => e === 'session.changed').length).toBeGreaterThanOrEqual(3);
  });
});
