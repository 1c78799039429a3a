export * from './types';
export {
  createRegistryClient,
  type RegistryClient,
  type RegistryClientOptions,
  type RegistryStateListener,
} from './client';
export { RegistryError, isRegistryError, type RegistryErrorCode } from './errors';
export type { BreakerState } from './breaker';
export {
  buildLicenseId,
  parseLicenseId,
  isValidLicenseId,
  mod3736Check,
  mod3736Valid,
  type LicenseIdParts,
} from '../../../protocol/license-id';
export { canonicalJson, licenseSigningText } from '../../../protocol/canonical';
export { verifyLicense } from './verify';
export { missingUsageFields, assertUsage } from './usage';
export type { UsageRecord, LicenseTypeInfo } from './schemas';
