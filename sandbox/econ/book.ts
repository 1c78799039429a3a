import { licenseSigningText } from '../../protocol/canonical';
import { buildLicenseId, parseLicenseId } from '../../protocol/license-id';
import type { CatalogEntry, LicenseRecord, SurfaceValue, TrustedIssuer } from '../../protocol/registry-types';
import { createSm2Signer, sm2PrivateKeyFromSeed } from '../../protocol/sm2';
import type { Issuer } from '../generator/keys';
import type { World } from '../generator/types';
import { sourceFault, type EconFaults } from './faults';
import { medicalBillSurface, sourceSurface } from './records';
import { profileOf } from './profiles';
import { MEDICAL_BILL, SOURCES, SOURCE_BY_TYPE, type SourceDef } from './types';

/** Every type this book serves: the seven sources and the hospital bill. */
export const ECON_TYPES: ReadonlySet<string> = new Set([...SOURCES.map((s) => s.typeCode), MEDICAL_BILL.typeCode]);

const serialOf = (index: number): string => String(1_000_000 + index);

/**
 * The economic sources' records, derived on demand like every other sandbox license: the type
 * and the resident index are in the identifier, the record is built from the world and signed by
 * the source's issuer (a key derived from the seed). Records are only ever listed when their type
 * is asked for by name, so a plain holder search (at card read) never touches economic data.
 */
export class EconBook {
  readonly issuers: Issuer[];
  private readonly byCode = new Map<string, Issuer>();
  private readonly memo = new Map<string, string>();

  constructor(
    private readonly world: World,
    existing: readonly Issuer[],
  ) {
    for (const i of existing) this.byCode.set(i.code, i);
    this.issuers = [];
    for (const s of SOURCES) {
      if (this.byCode.has(s.issuerCode)) continue;
      const issuer: Issuer = {
        key: s.issuer as Issuer['key'],
        code: s.issuerCode,
        name: s.issuerZh,
        signer: createSm2Signer(sm2PrivateKeyFromSeed(`sandbox-issuer:${world.seed}:${s.issuer}`)),
        validFrom: '2020-01-01',
        validTo: '2035-12-31',
      };
      this.byCode.set(issuer.code, issuer);
      this.issuers.push(issuer);
    }
  }

  trustList(): TrustedIssuer[] {
    return this.issuers.map((i) => ({
      issuerCode: i.code,
      name: i.name,
      publicKey: i.signer.publicKey,
      validFrom: i.validFrom,
      validTo: i.validTo,
    }));
  }

  /** The source of an economic type code (undefined for the bill and anything else). */
  sourceOf(typeCode: string): SourceDef | undefined {
    return SOURCE_BY_TYPE.get(typeCode);
  }

  /** Catalog entries for the economic types asked for; every source answers for every resident. */
  entries(holderCode: string, types: readonly string[]): CatalogEntry[] {
    const index = this.world.byId.get(holderCode);
    if (index === undefined) return [];
    return types
      .filter((t) => ECON_TYPES.has(t))
      .map((t) => this.unsigned(t, index))
      .filter((l): l is Omit<LicenseRecord, 'digitalSign'> => !!l)
      .map((l) => ({
        identifier: l.identifier,
        certificateType: l.certificateType,
        certificateName: l.certificateName,
        certificateNumber: l.certificateNumber,
        issueDept: l.issueDept,
        issueDeptCode: l.issueDeptCode,
        certificateValidateEnd: l.certificateValidateEnd,
      }));
  }

  /** The type and resident an identifier names, or null when it is not one of this book's. */
  resolve(identifier: string): { typeCode: string; index: number } | null {
    const p = parseLicenseId(identifier);
    if (!p || !ECON_TYPES.has(p.typeCode)) return null;
    const index = Number(p.serial) - 1_000_000;
    if (!Number.isInteger(index) || index < 0 || index >= this.world.residents.length) return null;
    const l = this.unsigned(p.typeCode, index);
    return l && l.identifier === identifier ? { typeCode: p.typeCode, index } : null;
  }

  license(typeCode: string, index: number, faults: EconFaults): LicenseRecord {
    const unsigned = this.unsigned(typeCode, index)!;
    const issuer = this.byCode.get(unsigned.issueDeptCode)!;
    let value = this.memo.get(unsigned.identifier);
    if (value === undefined) {
      value = issuer.signer.sign(licenseSigningText(unsigned));
      if (this.memo.size > 50_000) this.memo.delete(this.memo.keys().next().value!);
      this.memo.set(unsigned.identifier, value);
    }
    const license: LicenseRecord = { ...unsigned, digitalSign: { alg: 'SM2-SM3', signer: issuer.code, value } };
    const source = this.sourceOf(typeCode);
    const broken =
      (source && sourceFault(faults, source.key).brokenSignature) ||
      (source && profileOf(this.world, index).tampered?.includes(source.key));
    // Altered after signing, as a forged answer would be.
    if (broken) license.surface = { ...license.surface, asOf: `${String(license.surface.asOf)}*` };
    return license;
  }

  private unsigned(typeCode: string, index: number): Omit<LicenseRecord, 'digitalSign'> | undefined {
    const r = this.world.residents[index];
    if (!r || r.cardKind !== 'resident') return undefined;
    const source = this.sourceOf(typeCode);
    let surface: Record<string, SurfaceValue> | undefined;
    let name: string;
    let issuerCode: string;
    if (source) {
      surface = sourceSurface(this.world, index, source.key);
      name = source.nameZh;
      issuerCode = source.issuerCode;
    } else {
      surface = medicalBillSurface(this.world, index);
      name = MEDICAL_BILL.nameZh;
      issuerCode = MEDICAL_BILL.issuerCode;
    }
    const issuer = this.byCode.get(issuerCode);
    if (!surface || !issuer) return undefined;
    const today = this.world.today;
    return {
      identifier: buildLicenseId({ typeCode, issuerCode, serial: serialOf(index), version: '001' }),
      certificateType: typeCode,
      certificateName: name,
      certificateHolder: r.name,
      certificateHolderCode: r.idNumber,
      certificateHolderType: '111',
      issueDept: issuer.name,
      issueDeptCode: issuer.code,
      certificateNumber: `HD${typeCode}${serialOf(index)}`,
      issueDate: today,
      certificateValidateStart: today,
      certificateValidateEnd: today,
      certificateAreaCode: r.areaCode,
      surface,
    };
  }
}
