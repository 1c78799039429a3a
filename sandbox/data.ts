import { licenseSigningText } from '../protocol/canonical';
import type { LicenseRecord, ProgramArea, TrustedIssuer } from '../protocol/registry-types';
import { demoResidents, type DemoResident } from './generator/demo';
import { generateWorld, type GenerateOptions } from './generator/generate';
import { makeIssuers, type Issuer } from './generator/keys';
import { LicenseBook, type LicenseRef } from './generator/licenses';
import { OTHER_PROGRAMS } from './generator/places';
import type { World } from './generator/types';
import type { Faults } from './faults';
import { EconBook } from './econ/book';

/**
 * The sandbox's data: the generated world, its licenses and their signatures. SM2 signing costs
 * about half a millisecond, so licenses are signed on first fetch and the signature memoised
 * (bounded; signatures are deterministic, so an evicted one is recomputed identically).
 */
export class SandboxData {
  readonly world: World;
  readonly book: LicenseBook;
  readonly issuers: Issuer[];
  /** The economic sources of the means test (econ/): their own issuers, records derived on demand. */
  readonly econ: EconBook;
  private readonly rogue: Issuer;
  private readonly sigMemo = new Map<string, string>();

  constructor(
    opts: GenerateOptions,
    private readonly memoLimit = 300_000,
  ) {
    this.world = generateWorld(opts);
    const { byKey, rogue } = makeIssuers(this.world.seed);
    this.issuers = Object.values(byKey);
    this.rogue = rogue;
    this.book = new LicenseBook(this.world, byKey, rogue);
    this.econ = new EconBook(this.world, this.issuers);
  }

  trustList(): TrustedIssuer[] {
    return [
      ...this.issuers.map((i) => ({
        issuerCode: i.code,
        name: i.name,
        publicKey: i.signer.publicKey,
        validFrom: i.validFrom,
        validTo: i.validTo,
      })),
      ...this.econ.trustList(),
    ];
  }

  /** A program's areas; undefined for a program the sandbox does not run. */
  programAreas(program = 'clean-energy'): ProgramArea[] | undefined {
    const other = OTHER_PROGRAMS[program];
    if (program !== 'clean-energy' && !other) return undefined;
    const covered = (p: World['places'][number]) => (other ? other.places.includes(p.name) : p.inProgram);
    return this.world.places
      .filter(covered)
      .map((p) => ({ areaCode: p.areaCode, name: `${p.district}${p.town}${p.name}` }));
  }

  demoResidents(): DemoResident[] {
    return demoResidents(this.world.residents);
  }

  /** The signed license as served, with demo faults baked into the data and the active fault switches applied. */
  license(ref: LicenseRef, faults: Pick<Faults, 'brokenSignature' | 'unknownIssuer'>): LicenseRecord {
    const unsigned = this.book.unsigned(ref);
    const issuer = this.book.issuerFor(ref);
    let value: string;
    let signer = issuer.code;
    if (faults.unknownIssuer) {
      value = this.rogue.signer.sign(licenseSigningText(unsigned));
      signer = this.rogue.code;
    } else {
      value = this.signMemo(unsigned.identifier, () => issuer.signer.sign(licenseSigningText(unsigned)));
    }
    const license: LicenseRecord = { ...unsigned, digitalSign: { alg: 'SM2-SM3', signer, value } };
    const holder = this.world.residents[this.world.byId.get(unsigned.certificateHolderCode) ?? -1];
    const tampered =
      faults.brokenSignature ||
      (ref.key === 'resident_id' && this.world.residents[ref.index]?.licenseFault === 'tampered') ||
      // Every license of a 'tampered-all' demo resident (and of the household they head) fails verification.
      holder?.licenseFault === 'tampered-all';
    // Altered after signing, as a forger editing the address would.
    if (tampered) license.surface = { ...license.surface, address: `${String(license.surface.address ?? '')}附1号` };
    return license;
  }

  private signMemo(identifier: string, sign: () => string): string {
    const hit = this.sigMemo.get(identifier);
    if (hit !== undefined) return hit;
    const v = sign();
    if (this.sigMemo.size >= this.memoLimit) this.sigMemo.delete(this.sigMemo.keys().next().value!);
    this.sigMemo.set(identifier, v);
    return v;
  }
}
