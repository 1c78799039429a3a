import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../api/contract';

/** Typed fan-out of contract events to whichever host is attached (IPC, SSE streams, tests). */
export class EventBus {
  private readonly ee = new EventEmitter();

  constructor() {
    // One listener per open window or SSE stream; a few dozen is normal on a kiosk.
    this.ee.setMaxListeners(200);
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    this.ee.emit('event', name, payload);
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onAny(fn: (name: EventName, payload: unknown) => void): () => void {
    this.ee.on('event', fn);
    return () => this.ee.off('event', fn);
  }
}
