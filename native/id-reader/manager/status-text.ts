import type { ReaderError } from '../errors';
import type { DeviceReport } from './devices';
import type { ReaderState } from './status';

// The words of the reader's status (split out of manager.ts).

/** A device report's fields for a device that failed with `err`. */
export function failed(err: ReaderError): Partial<DeviceReport> {
  return { state: 'failed', code: err.code, message: err.message, ...(err.params ? { params: err.params } : {}) };
}

/** The status message when no error says more. */
export function defaultMessage(state: ReaderState, label?: string): string {
  switch (state) {
    case 'unavailable':
      return 'No ID card reader found; connect a reader.';
    case 'searching':
      return 'Looking for an ID card reader.';
    case 'connected':
      return `${label ?? 'Reader'} ready; place a card.`;
    case 'reading':
      return 'Reading the card; keep it still.';
    case 'disconnected':
      return 'Reader disconnected; reconnecting.';
    case 'error':
      return 'Reader fault.';
  }
}
