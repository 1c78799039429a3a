export { LicenseService, type LicenseServiceOptions, type FetchResult } from './service';
export { LicenseError, type FetchError, type LicenseErrorCode, type LicenseErrorDetails } from './errors';
export type { RegistryStatus } from './status';
