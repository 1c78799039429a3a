import typesJson from '../../resources/registry/license-types.json';
import { createSm2Signer, sm2PrivateKeyFromSeed, type Sm2Signer } from '../../protocol/sm2';

export type IssuerKey = 'PSB' | 'NRB' | 'DPF' | 'CAB' | 'HRS' | 'MIB' | 'EDU' | 'HLT';

export const ISSUER_KEYS: readonly IssuerKey[] = ['PSB', 'NRB', 'DPF', 'CAB', 'HRS', 'MIB', 'EDU', 'HLT'];

/** Issuer codes used in identifiers and issueDeptCode: alphanumeric, as MOD 37,36 allows. */
export const ISSUER_CODES: Record<IssuerKey, string> = {
  PSB: 'DMPSB01',
  NRB: 'DMNRB01',
  DPF: 'DMDPF01',
  CAB: 'DMCAB01',
  HRS: 'DMHRS01',
  MIB: 'DMMIB01',
  EDU: 'DMEDU01',
  HLT: 'DMHLT01',
};
/** Looks like a real department but is in no trust list (demo resident 吴敏, fault unknownIssuer). */
export const ROGUE_ISSUER = { code: 'DMPSB99', name: '示范市公安局城西临时受理点' };

export interface Issuer {
  key: IssuerKey | 'ROGUE';
  code: string;
  name: string;
  signer: Sm2Signer;
  validFrom: string;
  validTo: string;
}

/** Issuer keys derive from the seed, so a restarted sandbox keeps verifying licenses cached earlier. */
export function makeIssuers(seed: string): { byKey: Record<IssuerKey, Issuer>; rogue: Issuer } {
  const make = (key: IssuerKey | 'ROGUE', code: string, name: string): Issuer => ({
    key,
    code,
    name,
    signer: createSm2Signer(sm2PrivateKeyFromSeed(`sandbox-issuer:${seed}:${key}`)),
    validFrom: '2020-01-01',
    validTo: '2035-12-31',
  });
  const byKey = {} as Record<IssuerKey, Issuer>;
  for (const k of ISSUER_KEYS) byKey[k] = make(k, ISSUER_CODES[k], typesJson.issuers[k].nameZh);
  return { byKey, rogue: make('ROGUE', ROGUE_ISSUER.code, ROGUE_ISSUER.name) };
}
