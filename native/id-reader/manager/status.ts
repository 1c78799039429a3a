import type { ReaderErrorCode } from '../errors';
import type { TransportInfo } from '../transport/types';
import type { DeviceReport } from './devices';

export type ReaderState = 'unavailable' | 'searching' | 'connected' | 'reading' | 'disconnected' | 'error';

export interface ReaderStatus {
  state: ReaderState;
  /** English, for logs; the renderer words state + code (+ params) itself. */
  message: string;
  code?: ReaderErrorCode;
  /** Values for the translated text of `code` (vidPid, the udev rule...). */
  params?: Record<string, string | number>;
  reader?: TransportInfo;
  samId?: string;
  /** Whether a card is currently on the reader (read successfully or not). */
  cardPresent: boolean;
  /** Reader-like devices the last discovery saw and what became of each (found, ready, why not). */
  devices?: DeviceReport[];
  at: number;
}
