import type { ApiResult, SessionInfo } from '../../api/types';

// What a locked terminal still answers: nothing that shows or fetches personal data.
const WHILE_LOCKED = new Set([
  'auth.unlock',
  'auth.signOut',
  'auth.setupStatus',
  'status.get',
  'app.info',
  'prefs.setLanguage',
]);
// A new or reset account must first replace its temporary password.
const WHILE_MUST_CHANGE = new Set([
  'auth.changePassword',
  'auth.signOut',
  'auth.lock',
  'auth.activity',
  'auth.setupStatus',
  'status.get',
  'app.info',
  'prefs.setLanguage',
]);

/**
 * The session-state half of access control (the role half is in dispatch): a locked session or
 * one that must change its password may call only the operations listed above, whatever their
 * declared access, so a script in the page cannot read data behind the lock screen.
 */
export function sessionGate(name: string, session: SessionInfo | null): ApiResult<never> | null {
  if (!session) return null;
  if (session.locked && !WHILE_LOCKED.has(name)) {
    return {
      ok: false,
      error: { code: 'SESSION_LOCKED', message: 'The terminal is locked; unlock it with your password.' },
    };
  }
  if (session.mustChangePassword && !WHILE_MUST_CHANGE.has(name)) {
    return {
      ok: false,
      error: { code: 'AUTH_PASSWORD_CHANGE_REQUIRED', message: 'Change your temporary password before you continue.' },
    };
  }
  return null;
}

// Events that carry no personal data; every other event (card.placed, case.changed, and any added
// later) reaches a page only while someone is signed in and the terminal is unlocked.
const PUBLIC_EVENTS = new Set([
  'reader.status',
  'printer.status',
  'registry.status',
  'session.changed',
  'card.removed',
]);

/** Whether an event may be pushed to the page now; both hosts ask before forwarding bus events. */
export function eventVisible(name: string, session: SessionInfo | null): boolean {
  if (PUBLIC_EVENTS.has(name)) return true;
  return !!session && !session.locked && !session.mustChangePassword;
}
