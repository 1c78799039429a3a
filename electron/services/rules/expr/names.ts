import licenseTypes from '../../../../resources/registry/license-types.json';

/**
 * What an expression may name. `lic.<key>` is one license type by its key in
 * resources/registry/license-types.json (lic.disability.grade); its fields are the type's face
 * fields plus the metadata every license has. Everything else an expression can see is listed here.
 */
export const ROOTS = ['lic', 'card', 'today', 'params', 'cases'] as const;
export type Root = (typeof ROOTS)[number];

export const CARD_FIELDS = ['name', 'idNumber', 'birth', 'age', 'sex', 'validTo', 'kind'] as const;
/** Fields of each earlier case in `cases`: the item code, its state and the local day it was opened. */
export const CASE_FIELDS = ['item', 'state', 'day'] as const;
export const LICENSE_META = ['number', 'issuer', 'issued', 'validUntil'] as const;

interface TypeInfo {
  code: string;
  key: string;
  fields: Set<string>;
}

const types: TypeInfo[] = licenseTypes.types.map((t) => ({
  code: t.code,
  key: t.key,
  fields: new Set([...t.surface.map((s) => s.replace(/\[.*$/, '')), ...LICENSE_META]),
}));
const byKey = new Map(types.map((t) => [t.key, t]));
const byCode = new Map(types.map((t) => [t.code, t]));

export const licenseKeyType = (key: string): TypeInfo | undefined => byKey.get(key);
export const licenseCodeKey = (code: string): string | undefined => byCode.get(code)?.key;
