import type { ReaderErrorCode } from '../errors';
import type { TransportType } from '../table/schema';

/**
 * One reader-like device discovery saw, and what became of it: for the status bar and the admin's
 * device view. `code` + `params` say why it could not be used (the UI words them, with the fix).
 */
export interface DeviceReport {
  vidPid: string;
  vendor: string;
  vendorZh?: string;
  model: string;
  /** The transport chosen or being probed; 'none' for ids that cannot be used. */
  transport: TransportType | 'none';
  confirmed: 'public-code' | 'capture' | 'guessed';
  /** True when the transport was not in the table and was found by a safe probe. */
  probed?: boolean;
  /** hidraw path, USB bus-address or serial port. */
  where?: string;
  state: 'found' | 'ready' | 'failed' | 'unsupported';
  code?: ReaderErrorCode;
  params?: Record<string, string | number>;
  /** English, with the fix; for logs and as a fallback text. */
  message?: string;
}
