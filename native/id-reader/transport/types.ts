import { EventEmitter } from 'node:events';
import type { ReaderError } from '../errors';

export type TransportKind = 'hid' | 'usb' | 'serial' | 'simulator';

export interface TransportInfo {
  kind: TransportKind;
  /** Stable id used in config: 'hid:0400:C35A', 'serial:/dev/ttyUSB0', 'simulator'. */
  id: string;
  label: string;
  vidPid?: string;
  /** The reader-table transport in use: hid-raw, usb-bulk-4ep, usb-bulk-2ep, serial-bridge. */
  transport?: string;
}

export interface TransportEvents {
  data: [chunk: Uint8Array];
  /** Non-fatal problems (e.g. a malformed HID report); fatal ones are followed by 'close'. */
  error: [error: ReaderError];
  close: [reason?: ReaderError];
}

/**
 * One byte stream to a reader. Implementations never throw from event handlers; every failure
 * is a ReaderError (rejected promise or 'error'/'close' event).
 */
export interface Transport {
  readonly info: TransportInfo;
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  write(data: Uint8Array): Promise<void>;
  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void): this;
  off<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void): this;
}

/** Shared event plumbing; 'error' is re-routed so an unhandled one can never throw. */
export abstract class TransportBase extends EventEmitter<TransportEvents> implements Transport {
  abstract readonly info: TransportInfo;
  abstract readonly isOpen: boolean;
  abstract open(): Promise<void>;
  abstract close(): Promise<void>;
  abstract write(data: Uint8Array): Promise<void>;

  constructor() {
    super();
    // EventEmitter throws on an 'error' with no listener; a driver must not crash its host.
    this.on('error', () => undefined);
  }
}
