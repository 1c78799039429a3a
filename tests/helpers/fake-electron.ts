import { EventEmitter } from 'node:events';
import type { Session } from 'electron';

export interface FakeSession {
  session: Session;
  /** What the code under test listens to on the session (select-hid-device…): emit here to exercise it. */
  events: EventEmitter;
  /** Every handler the code installed, by what it handles: request, check, device, headers. */
  handlers: Record<string, (...a: unknown[]) => unknown>;
}

/**
 * The one Electron session stand-in (no Electron runs under vitest): it records every handler the
 * hardening code installs, so a test can call them as Electron would.
 */
export function fakeSession(): FakeSession {
  const events = new EventEmitter();
  const handlers: FakeSession['handlers'] = {};
  const s = {
    on: (n: string, fn: (...a: unknown[]) => void) => events.on(n, fn),
    setPermissionRequestHandler: (fn: never) => (handlers.request = fn),
    setPermissionCheckHandler: (fn: never) => (handlers.check = fn),
    setDevicePermissionHandler: (fn: never) => (handlers.device = fn),
    webRequest: { onHeadersReceived: (fn: never) => (handlers.headers = fn) },
  };
  return { session: s as unknown as Session, events, handlers };
}
