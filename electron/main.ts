import { app, BrowserWindow, ipcMain, safeStorage, shell } from 'electron';
import { openCitizenWindow } from './desktop/citizen-window';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IPC_EVENT, IPC_INVOKE } from './api/contract';
import { dispatch } from './api/dispatch';
import { utilitySandboxLauncher } from './desktop/sandbox';
import { utilityHallLauncher } from './desktop/hall';
import { hardenContents, hardenSession, windowOptions } from './desktop/security';
import { eventVisible } from './services/accounts/gate';
import { bootCore, type KeyWrap } from './services/core/boot';
import type { Core } from './services/core/core';

/**
 * Electron glue only: window, security settings and the API on ipcMain. All logic lives in the
 * plain-Node core that the web host shares.
 */

/** Packaged apps carry a better-sqlite3 build for Electron's ABI next to the asar (see README). */
function electronSqliteBinding(): string | undefined {
  const p = join(process.resourcesPath, 'native', 'better_sqlite3.node');
  return app.isPackaged && existsSync(p) ? p : undefined;
}

/** The data key is stored wrapped by the OS keychain (DPAPI, Keychain, libsecret) on the desktop. */
function safeStorageWrap(): KeyWrap | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    wrap: (key) => safeStorage.encryptString(key.toString('base64')),
    unwrap: (blob) => Buffer.from(safeStorage.decryptString(blob), 'base64'),
  };
}

let core: Core | undefined;
/** The citizen-facing window's contents id: its calls are the citizen's (citizen operations only). */
let citizenContents: number | undefined;

async function createWindow(): Promise<void> {
  const win = new BrowserWindow(windowOptions(join(__dirname, '../preload/preload.js')));
  hardenContents(win.webContents, (url) => void shell.openExternal(url));
  const off = core!.bus.onAny((name, payload) => {
    if (name === 'citizen.changed') return;
    if (!win.isDestroyed() && eventVisible(name, core!.session)) win.webContents.send(IPC_EVENT, name, payload);
  });
  win.on('closed', off);
  win.once('ready-to-show', () => win.show());
  await win.loadFile(join(__dirname, '../renderer/index.html'));
  const citizen = openCitizenWindow(
    join(__dirname, '../preload/preload.js'),
    join(__dirname, '../renderer/index.html'),
  );
  citizenContents = citizen.webContents.id;
  const offCitizen = core!.bus.onAny((name, payload) => {
    if (name === 'citizen.changed' && !citizen.isDestroyed()) citizen.webContents.send(IPC_EVENT, name, payload);
  });
  citizen.on('closed', () => {
    offCitizen();
    citizenContents = undefined;
  });
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents, (url) => void shell.openExternal(url)));
  app
    .whenReady()
    .then(async () => {
      hardenSession((await import('electron')).session.defaultSession);
      process.env.COUNTER_DATA_DIR ||= app.getPath('userData');
      core = await bootCore({
        host: 'desktop',
        version: app.getVersion(),
        nativeBinding: electronSqliteBinding(),
        keyWrap: safeStorageWrap(),
        launchSandbox: utilitySandboxLauncher,
        launchHall: utilityHallLauncher,
      });
      ipcMain.handle(IPC_INVOKE, (event, name: unknown, args: unknown) => {
        // Only our own page may call in; a frame from anywhere else is refused.
        if (!event.senderFrame?.url.startsWith('file://'))
          return { ok: false, error: { code: 'FORBIDDEN_ORIGIN', message: 'Refused.' } };
        const caller = event.sender.id === citizenContents ? 'citizen' : 'clerk';
        return dispatch({ core: core!, host: 'desktop', caller }, String(name), args);
      });
      await createWindow();
    })
    .catch((err: unknown) => {
      console.error(`Counter terminal could not start: ${err instanceof Error ? err.message : String(err)}`);
      app.exit(1);
    });
  app.on('window-all-closed', () => {
    void core?.close().finally(() => app.quit());
  });
}

start();
