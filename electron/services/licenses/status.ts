export interface RegistryStatus {
  online: boolean;
  /** ISO time of the first failure since the registry was last reachable. */
  offlineSince?: string;
  /** ISO time of the last successful registry call. */
  lastOnlineAt?: string;
}

/** Online/offline as seen by this terminal's registry calls, with "offline since" for the UI. */
export class StatusTracker {
  private state: RegistryStatus = { online: true };
  private readonly listeners = new Set<(s: RegistryStatus) => void>();

  get(): RegistryStatus {
    return { ...this.state };
  }

  online(at: Date): void {
    const was = this.state.online;
    this.state = { online: true, lastOnlineAt: at.toISOString() };
    if (!was) this.emit();
  }

  offline(at: Date): void {
    if (!this.state.online) return;
    this.state = { ...this.state, online: false, offlineSince: at.toISOString() };
    this.emit();
  }

  subscribe(fn: (s: RegistryStatus) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    const s = this.get();
    for (const fn of this.listeners) {
      try {
        fn(s);
      } catch {
        // A failing UI listener must not break a fetch in progress.
      }
    }
  }
}
