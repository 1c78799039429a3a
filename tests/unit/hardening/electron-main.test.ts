import type { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { FakeSession } from '../../helpers/fake-electron';

/**
 * Loads the real electron/main.ts against a stubbed `electron` module and checks what it wires:
 * the default session is hardened, every new web contents is hardened, the window gets the secure
 * options, and the IPC handler refuses frames that are not our own file:// page.
 */
const m = vi.hoisted(() => {
  // Hoisted above the imports, so the module is fetched the one way that works here.
  const EE = process.getBuiltinModule('node:events').EventEmitter;
  const appEvents = new EE();
  const windows: { options: Record<string, unknown>; contents: EventEmitter & Record<string, unknown> }[] = [];
  const ipc: Record<string, (...a: unknown[]) => unknown> = {};
  let nextId = 1;
  const makeContents = () => {
    const c = new EE() as EventEmitter & Record<string, unknown>;
    c.id = nextId++;
    c.setWindowOpenHandler = (fn: unknown) => (c.openHandler = fn);
    c.send = () => {};
    return c;
  };
  return { appEvents, windows, ipc, makeContents, fake: null as FakeSession | null };
});

vi.mock('electron', async () => {
  const { fakeSession } = await import('../../helpers/fake-electron');
  m.fake = fakeSession();
  class BrowserWindow {
    webContents = m.makeContents();
    constructor(public options: Record<string, unknown>) {
      m.windows.push({ options, contents: this.webContents });
    }
    static getAllWindows = () => [];
    on() {}
    once() {}
    isDestroyed = () => false;
    loadFile = async () => {};
  }
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    on: (n: string, fn: (...a: unknown[]) => void) => m.appEvents.on(n, fn),
    whenReady: () => Promise.resolve(),
    getPath: () => process.env.COUNTER_DATA_DIR!,
    getVersion: () => '0.0.0-test',
    quit: () => {},
    exit: () => {},
  };
  const mod = {
    app,
    BrowserWindow,
    session: { defaultSession: m.fake.session },
    ipcMain: { handle: (ch: string, fn: (...a: unknown[]) => unknown) => (m.ipc[ch] = fn) },
    safeStorage: { isEncryptionAvailable: () => false },
    shell: { openExternal: vi.fn() },
    // One display: the citizen window opens as a movable window beside the clerk's.
    screen: {
      getAllDisplays: () => [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
      getPrimaryDisplay: () => ({ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }),
    },
    // The training registry is not under test here; main.ts logs that it did not start and goes on.
    utilityProcess: {
      fork: () => {
        throw new Error('no utility processes in this unit test');
      },
    },
  };
  return { ...mod, default: mod };
});

describe('electron/main.ts wiring', () => {
  it('hardens the session, contents and window, and guards IPC by frame origin', async () => {
    process.env.COUNTER_DATA_DIR = mkdtempSync(join(tmpdir(), 'counter-main-'));
    process.env.COUNTER_CONFIG = '';
    (process as { resourcesPath?: string }).resourcesPath = process.env.COUNTER_DATA_DIR;
    await import('../../../electron/main');
    // The clerk's window and the citizen's; both get the secure options.
    await vi.waitFor(() => expect(m.windows.length).toBe(2), { timeout: 10_000 });
    for (const w of m.windows) {
      const prefs = w.options.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    }
    expect(m.windows[0]!.options.show).toBe(false);
    expect(m.windows[1]!.options).toMatchObject({ kiosk: false, movable: true });

    const cb = vi.fn();
    (m.fake!.handlers.request as (...a: unknown[]) => void)({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect((m.fake!.handlers.check as () => boolean)()).toBe(false);
    expect((m.fake!.handlers.device as () => boolean)()).toBe(false);
    expect(m.fake!.events.listenerCount('select-hid-device')).toBe(1);

    // The window's own contents and any later one (devtools, a frame) are hardened.
    expect(typeof m.windows[0]!.contents.openHandler).toBe('function');
    const later = m.makeContents();
    m.appEvents.emit('web-contents-created', {}, later);
    const nav = { preventDefault: vi.fn() };
    later.emit('will-navigate', nav, 'https://evil.example/');
    expect(nav.preventDefault).toHaveBeenCalled();
    expect((later.openHandler as (d: { url: string }) => unknown)({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });

    const invoke = m.ipc['counter:invoke']!;
    expect(
      await invoke({ sender: m.windows[0]!.contents, senderFrame: { url: 'https://evil.example/' } }, 'app.info', {}),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_ORIGIN' },
    });
    expect(await invoke({ sender: m.windows[0]!.contents, senderFrame: null }, 'app.info', {})).toMatchObject({
      ok: false,
    });
    expect(
      await invoke(
        { sender: m.windows[0]!.contents, senderFrame: { url: 'file:///app/renderer/index.html' } },
        'app.info',
        {},
      ),
    ).toMatchObject({
      ok: true,
      value: { host: 'desktop' },
    });
    expect(
      await invoke(
        { sender: m.windows[0]!.contents, senderFrame: { url: 'file:///app/renderer/index.html' } },
        'accounts.list',
        {},
      ),
    ).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    // The citizen window's calls are the citizen's: no clerk operation, whatever is signed in.
    const citizen = { senderFrame: { url: 'file:///app/renderer/index.html' }, sender: m.windows[1]!.contents };
    expect(await invoke(citizen, 'auth.signIn', { userId: 'demo-clerk', password: 'training-123' })).toMatchObject({
      ok: false,
    });
    expect(await invoke(citizen, 'citizen.view', {})).toMatchObject({ ok: true });
  });
});
