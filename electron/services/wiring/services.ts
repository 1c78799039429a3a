import { AppError } from '../errors';
import type { RecordCipher } from '../crypto';
import type { LicenseService } from '../licenses';
import type { RegistryClient } from '../registry';
import type { ReaderService } from '../reader/service';
import type { SandboxProcess } from '../training/sandbox-child';

/** The services boot started; each is optional so a failing one leaves the rest working. */
export interface Services {
  dataKey?: Buffer;
  cipher?: RecordCipher;
  registry?: RegistryClient;
  licenses?: LicenseService;
  reader?: ReaderService;
  sandbox?: SandboxProcess;
  [key: string]: unknown;
}

/** A handler's way to say a service did not start: the clerk sees which one and why it matters. */
export function need<T>(service: T | undefined, what: string): T {
  if (service === undefined) throw new AppError('APP_SERVICE_UNAVAILABLE', `${what} is not available on this terminal; see the status bar and the start-up log.`);
  return service;
}
