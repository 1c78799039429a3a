import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import {
  EXTERNAL_ALLOWLIST,
  hardenContents,
  hardenSession,
  isAllowedExternal,
  windowOptions,
} from '../../../electron/desktop/security';
import { CSP } from '../../../electron/web/headers';
import { fakeSession } from '../../helpers/fake-electron';

const preventable = () => ({ preventDefault: vi.fn() });

describe('Electron window options', () => {
  it('isolate the page from Node', () => {
    const o = windowOptions('/app/preload.js');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });
});

describe('Electron session hardening', () => {
  const { session: s, events: ee, handlers: h } = fakeSession();
  hardenSession(s);

  it('denies every permission request and check, and device access', () => {
    const cb = vi.fn();
    for (const p of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'usb', 'clipboard-read'])
      h.request!({}, p, cb);
    expect(cb.mock.calls.every(([v]) => v === false)).toBe(true);
    expect(cb).toHaveBeenCalledTimes(7);
    expect(h.check!({}, 'media')).toBe(false);
    expect(h.device!({ deviceType: 'hid' })).toBe(false);
  });

  it.each(['select-hid-device', 'select-serial-port', 'select-usb-device'])(
    'prevents the %s chooser and selects nothing',
    (name) => {
      const e = preventable();
      const cb = vi.fn();
      if (name === 'select-serial-port') ee.emit(name, e, [{ portId: '1' }], {}, cb);
      else ee.emit(name, e, { deviceList: [{ deviceId: '1' }] }, cb);
      expect(e.preventDefault).toHaveBeenCalled();
      expect(cb).toHaveBeenCalledTimes(1);
      expect(cb.mock.calls[0]![0] ?? '').toBe('');
    },
  );

  it('sets a CSP without unsafe-eval or remote sources on every response', () => {
    const cb = vi.fn();
    h.headers!({ responseHeaders: { 'X-Other': ['1'] } }, cb);
    const csp = cb.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0] as string;
    expect(csp).toBe(CSP);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*|wss?:/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
  });
});

describe('Electron web contents hardening', () => {
  const ee = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (n: string, fn: never) => ee.on(n, fn),
    setWindowOpenHandler: (fn: never) => (openHandler = fn),
  } as unknown as WebContents;
  const opened: string[] = [];
  hardenContents(contents, (u) => opened.push(u));

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (name) => {
    const e = preventable();
    ee.emit(name, e, 'https://evil.example/');
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window and opens only allowlisted https links externally', () => {
    for (const url of [
      'https://evil.example/',
      'http://www.gov.cn/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://www.gov.cn.evil.example/',
      `${EXTERNAL_ALLOWLIST[0]}/help`,
    ]) {
      expect(openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([`${EXTERNAL_ALLOWLIST[0]}/help`]);
    expect(isAllowedExternal('https://user@www.gov.cn@evil.example/')).toBe(false);
  });
});
