import type { ReaderErrorCode } from '../errors';
import type { TransportInfo } from '../transport/types';
import type { DeviceReport } from './devices';

export type ReaderState = 'unavailable' | 'searching' | 'connected' | 'reading' | 'disconnected' | 'error';

export interface ReaderStatus {
  state: ReaderState;
  /** English, for logs; the UI translates state + code (messageZh is ready-made). */
  message: string;
  messageZh: string;
  code?: ReaderErrorCode;
  /** Values for the translated text of `code` (vidPid, the udev rule...). */
  params?: Record<string, string>;
  reader?: TransportInfo;
  samId?: string;
  /** Whether a card is currently on the reader (read successfully or not). */
  cardPresent: boolean;
  /** Reader-like devices the last discovery saw and what became of each (found, ready, why not). */
  devices?: DeviceReport[];
  at: number;
}

export const STATE_ZH: Record<ReaderState, string> = {
  unavailable: '未找到读卡器，请连接读卡器',
  searching: '正在查找读卡器…',
  connected: '读卡器已就绪，请放置证件',
  reading: '正在读卡，请勿移动证件…',
  disconnected: '读卡器已断开，正在重新连接…',
  error: '读卡器故障',
};
