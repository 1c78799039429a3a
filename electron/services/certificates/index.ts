export { renderCertificate, type RenderOptions } from './render/engine';
export { loadTemplate, parseTemplate, listTemplateIds } from './templates';
export { setResourcesDir, resourcesDir } from './resources';
export { CertificateError, type CertificateErrorCode } from './errors';
export type { CertificateData, CertificateCheck, Fact, FactTable } from './types';
export type { CertificateTemplate, CertificateTemplateInput, Section } from './template-schema';
export { canonicalFacts, canonicalJson } from './canonical';
export { signPayload, verifyPayload, type VerifyResult, type VerifyStatus } from './qr/sign';
export { PAYLOAD_PREFIX, type QrFields } from './qr/codec';
export {
  generateHallKey,
  loadOrCreateHallKey,
  readTrustedKeys,
  toTrustedKey,
  defaultTrustedKeysPath,
  type HallKey,
  type TrustedHallKey,
} from './qr/keys';
export { maskName, signCertificate, certificateFactsHash } from './certificate-api';
export { extractPayload, extractFactsJson } from './pdf-meta';
export { verifyDocument, type DocumentVerification } from './verify-document';
export { hallKeyExport, ownHallKeys, verifierTrust, type VerifierTrust } from './trust';
export { certificateFont, FONT_ALIAS } from './render/font';
