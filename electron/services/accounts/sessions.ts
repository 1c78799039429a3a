import type { SessionInfo } from '../../api/types';
import type { Core } from '../core/core';
import { caseAccess, effectiveRoles } from './roles';
import type { AccountRow } from './store';

/** Called with the new session (null when signed out) and its sign-in serial. */
export type SessionListener = (session: SessionInfo | null, serial: number | null) => void;

/** The page pings activity at most every 10 s; the server waits this much longer before it locks on its own. */
export const SERVER_LOCK_GRACE_MS = 15_000;

interface State {
  /** Counts sign-ins on this terminal: a change means another person's session, even for the same account. */
  serial: number;
  account: AccountRow;
  locked: boolean;
  mustChange: boolean;
}

/**
 * The terminal's one session (both hosts share it through core.session). Every change is
 * published as core.session and the session.changed event. The idle clock only moves on explicit
 * activity (auth.activity, sign-in, unlock), never on background polling, so an unattended
 * screen that keeps refreshing its status still locks.
 */
export class Sessions {
  private state: State | null = null;
  private lastActivity = 0;
  private timer: NodeJS.Timeout | undefined;
  private serial = 0;
  private readonly listeners = new Set<SessionListener>();

  constructor(
    private readonly core: Core,
    private readonly onIdleLock: (userId: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    core.onClose(() => this.stopTimer());
  }

  get idleMs(): number {
    return this.core.config.idleLockSeconds * 1000;
  }

  get current(): Readonly<State> | null {
    return this.state;
  }

  begin(account: AccountRow): void {
    this.state = { serial: ++this.serial, account, locked: false, mustChange: account.mustChange };
    this.touch();
    this.startTimer();
    this.publish();
  }

  end(): void {
    this.state = null;
    this.stopTimer();
    this.publish();
  }

  setLocked(locked: boolean): void {
    if (!this.state || this.state.locked === locked) return;
    this.state.locked = locked;
    if (!locked) this.touch();
    this.publish();
  }

  passwordChanged(): void {
    if (!this.state) return;
    this.state.mustChange = false;
    this.publish();
  }

  touch(): void {
    this.lastActivity = this.now();
  }

  /** Locks a session idle past the limit (plus grace); true when it did. Also called before every dispatch. */
  expireIfIdle(): boolean {
    const s = this.state;
    if (!s || s.locked || this.now() - this.lastActivity <= this.idleMs + SERVER_LOCK_GRACE_MS) return false;
    this.setLocked(true);
    this.onIdleLock(s.account.id);
    return true;
  }

  info(): SessionInfo | null {
    const s = this.state;
    if (!s) return null;
    const roles = effectiveRoles(s.account.roles);
    const cases = caseAccess(roles);
    return {
      userId: s.account.id,
      displayName: s.account.displayName,
      roles,
      demo: s.account.demo,
      locked: s.locked,
      mustChangePassword: s.mustChange,
      idleLockSeconds: this.core.config.idleLockSeconds,
      ...(cases ? { cases } : {}),
    };
  }

  /** Services that hold per-session state (the open case) follow sign-in, lock and sign-out here. */
  onChange(fn: SessionListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private publish(): void {
    const info = this.info();
    this.core.session = info;
    // Listeners first: the case is parked before the page hears of the new session and asks for it.
    for (const fn of this.listeners) fn(info, this.state?.serial ?? null);
    this.core.bus.emit('session.changed', info);
  }

  private startTimer(): void {
    this.stopTimer();
    this.timer = setInterval(() => this.expireIfIdle(), 1000);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
