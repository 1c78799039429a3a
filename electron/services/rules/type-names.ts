import licenseTypes from '../../../resources/registry/license-types.json';
import type { Bilingual } from './schema';

// Bundled at build time so a sentence about a license that never arrived can still name its type.
const names = new Map<string, Bilingual>(licenseTypes.types.map((t) => [t.code, { zh: t.nameZh, en: t.nameEn }]));

export const licenseTypeName = (code: string): Bilingual =>
  names.get(code) ?? { zh: `证照（${code}）`, en: `license type ${code}` };

export const knownLicenseType = (code: string): boolean => names.has(code);
