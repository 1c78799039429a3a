import type { ReaderErrorCode } from '../errors';
import type { TransportInfo } from '../transport/types';

export type ReaderState = 'unavailable' | 'searching' | 'connected' | 'reading' | 'disconnected' | 'error';

export interface ReaderStatus {
  state: ReaderState;
  /** English, for logs; the renderer words state + code (+ params) itself. */
  message: string;
  code?: ReaderErrorCode;
  params?: Record<string, string | number>;
  reader?: TransportInfo;
  samId?: string;
  /** Whether a card is currently on the reader (read successfully or not). */
  cardPresent: boolean;
  at: number;
}
