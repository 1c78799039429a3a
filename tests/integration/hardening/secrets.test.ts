import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWeb, type WebFixture } from '../../helpers/web';

/**
 * Runs a realistic session with secrets in play (a real password, wrong guesses, a password typed
 * into the name field, registry credentials in the config) and checks that none of the secrets
 * shows up in the log, the console, any API response or error, any event, or the database file.
 */
const PASSWORD = 'Sup3r-Secret-Pw!';
const GUESS = 'Wr0ng-Guess-Pw#';
const NEW_PASSWORD = 'N3w-Secret-Pw%%';
const APP_SECRET = 'REGISTRY-APP-SECRET-xyz123';
const SECRETS = [PASSWORD, GUESS, NEW_PASSWORD, APP_SECRET];

let w: WebFixture;
const seen: string[] = [];
const consoleLines: string[] = [];

beforeAll(async () => {
  for (const m of ['log', 'error', 'warn', 'info', 'debug'] as const) {
    vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void consoleLines.push(a.map(String).join(' ')));
  }
  w = await startWeb({
    config: {
      registry: {
        url: 'https://registry.example.gov.cn/api',
        appKey: 'app-key-1',
        appSecret: APP_SECRET,
        timeoutMs: 3000,
      },
    },
  });
  w.core.bus.onAny((name, payload) => seen.push(`${name} ${JSON.stringify(payload)}`));
  await w.addAccount('li.na', ['clerk', 'supervisor'], { password: PASSWORD });
  const steps: [string, unknown][] = [
    ['auth.signIn', { userId: 'li.na', password: GUESS }],
    ['auth.signIn', { userId: PASSWORD, password: PASSWORD }],
    ['auth.signIn', { userId: 'li.na', password: PASSWORD }],
    ['auth.changePassword', { currentPassword: GUESS, newPassword: NEW_PASSWORD }],
    ['auth.changePassword', { currentPassword: PASSWORD, newPassword: 'short' }],
    ['auth.lock', {}],
    ['auth.unlock', { password: GUESS }],
    ['auth.unlock', { password: PASSWORD }],
    ['auth.changePassword', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }],
    ['app.info', {}],
    ['status.get', {}],
    ['auth.setupStatus', {}],
    ['audit.export', { from: '2020-01-01', to: '2020-01-02', format: 'json' }],
    ['no.such', { password: PASSWORD }],
    ['auth.signIn', { userId: 'li.na', password: PASSWORD, extra: APP_SECRET }],
  ];
  for (const [op, body] of steps) {
    const r = await w.api(op, body);
    seen.push(`${op} -> ${r.status} ${r.text}`);
  }
  await w.core.close();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await w.host.close();
});

describe('secrets stay secret', () => {
  it('the session really happened', () => {
    expect(seen.some((s) => s.includes('"userId":"li.na"'))).toBe(true);
    expect(seen.some((s) => s.includes('AUTH_INVALID_CREDENTIALS'))).toBe(true);
  });

  it.each(SECRETS.map((s) => [s]))('%s appears in no log line, console line, response, error or event', (secret) => {
    for (const text of [...w.logs, ...consoleLines, ...seen]) expect(text).not.toContain(secret);
  });

  it('the database files hold no password or registry secret', () => {
    for (const f of readdirSync(w.dir).filter((n) => n.startsWith('counter.db'))) {
      const bytes = readFileSync(join(w.dir, f)).toString('latin1');
      for (const s of SECRETS) expect(bytes, `${f} contains a secret`).not.toContain(s);
    }
  });
});
