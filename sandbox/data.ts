import { licenseSigningText } from '../protocol/canonical';
import type { LicenseRecord, ProgramArea, TrustedIssuer } from '../protocol/registry-types';
import { demoResidents, type DemoResident } from './generator/demo';
import { generateWorld, type GenerateOptions } from './generator/generate';
import { makeIssuers, type Issuer } from './generator/keys';
import { LicenseBook, type LicenseRef, type Unsigned } from './generator/licenses';
import { OTHER_PROGRAMS } from './generator/places';
import type { World } from './generator/types';
import type { Faults } from './faults';
import { EconBook } from './econ/book';

type LicenseFaults = Pick<Faults, 'brokenSignature' | 'unknownIssuer'>;
const NO_SWITCHES: LicenseFaults = { brokenSignature: false, unknownIssuer: false };
/** A reference's key: it names one license (its identifier is made from it). */
export const refKey = (r: LicenseRef): string => `${r.key}:${r.index}`;
/** At most this many UTF-16 units of presigned texts are held (~64 MB); past it, licenses are built per answer. */
const TEXT_BUDGET = 32 * 1024 * 1024;

/**
 * The sandbox's data: the generated world, its licenses and their signatures. Signing the whole
 * world up front would cost minutes at ~0.06–0.1 ms a signature (WebAssembly), so licenses are
 * signed on first fetch and the signature memoised (bounded; signatures are deterministic, so an
 * evicted one is recomputed identically).
 */
export class SandboxData {
  readonly world: World;
  readonly book: LicenseBook;
  readonly issuers: Issuer[];
  /** The economic sources of the means test (econ/): their own issuers, records derived on demand. */
  readonly econ: EconBook;
  private readonly rogue: Issuer;
  private readonly sigMemo = new Map<string, string>();
  /**
   * The served JSON text of presigned licenses, by reference (`key:index`), as a registry's store
   * holds its documents: a batch answer is then joined from them rather than each license built
   * again (identifier check characters, surface) and serialised. Only for the answer with no fault
   * switch on; a baked-in fault (a tampered demo resident) is deterministic, so its text is too.
   */
  private readonly texts = new Map<string, string>();
  private textChars = 0;

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
  license(ref: LicenseRef, faults: LicenseFaults): LicenseRecord {
    return this.licenses([ref], faults)[0]!;
  }

  /**
   * The signed licenses of `refs`, in order: the signatures the memo lacks are made with one
   * `signMany` per issuer, so a batch answer's new licenses share one field inversion. The rogue
   * issuer's signatures (unknownIssuer) are never memoised.
   */
  licenses(refs: readonly LicenseRef[], faults: LicenseFaults): LicenseRecord[] {
    const unsigned = refs.map((r) => this.book.unsigned(r));
    const values = this.sign(refs, unsigned, faults.unknownIssuer);
    return refs.map((ref, i) => this.finish(ref, unsigned[i]!, faults, values[i]!));
  }

  /**
   * The licenses of `refs` as JSON texts, in order, exactly as JSON.stringify would give
   * `licenses(refs, faults)`: the presigned texts where the store has them, the rest built.
   */
  licenseTexts(refs: readonly LicenseRef[], faults: LicenseFaults): string[] {
    if (faults.brokenSignature || faults.unknownIssuer)
      return this.licenses(refs, faults).map((l) => JSON.stringify(l));
    const out = refs.map((r) => this.texts.get(refKey(r)));
    const missing = refs.filter((_, i) => out[i] === undefined);
    if (missing.length === 0) return out as string[];
    const built = this.licenses(missing, faults);
    let at = 0;
    return out.map((t) => t ?? JSON.stringify(built[at++]));
  }

  /**
   * Signs every license of the world up front (up to the memo's bound), as a registry holds its
   * licenses signed since issue: a benchmark then measures serving them, not this simulator's
   * signing, which a real registry does once per license, not once per fetch. Chunked, so one
   * issuer's `signMany` never holds more than `chunk` texts. `types`: only licenses of these type
   * codes (a benchmark signs what its list asks for; the whole world takes ~0.2 ms a license).
   */
  presign(types?: readonly string[], chunk = 2_000): { signed: number; ms: number } {
    const t0 = performance.now();
    let refs: LicenseRef[] = [];
    let signed = 0;
    const flush = () => {
      const unsigned = refs.map((r) => this.book.unsigned(r));
      const values = this.sign(refs, unsigned, false);
      refs.forEach((ref, i) => {
        if (this.textChars >= TEXT_BUDGET) return;
        const text = JSON.stringify(this.finish(ref, unsigned[i]!, NO_SWITCHES, values[i]!));
        this.texts.set(refKey(ref), text);
        this.textChars += text.length;
      });
      signed += refs.length;
      refs = [];
    };
    const wanted = types ? new Set(types) : undefined;
    for (const r of this.book.allRefs()) {
      if (wanted && !wanted.has(this.book.typeCode(r))) continue;
      if (signed + refs.length >= this.memoLimit) break;
      refs.push(r);
      if (refs.length >= chunk) flush();
    }
    if (refs.length) flush();
    return { signed, ms: Math.round(performance.now() - t0) };
  }

  /** Each license's signature value: from the memo, else signed (one signMany per issuer; a license twice in refs once). */
  private sign(refs: readonly LicenseRef[], unsigned: readonly Unsigned[], rogue: boolean): string[] {
    const values: Array<string | undefined> = unsigned.map((u) => (rogue ? undefined : this.sigMemo.get(u.identifier)));
    const pending = new Map<Issuer, Map<string, number[]>>();
    refs.forEach((ref, i) => {
      if (values[i] !== undefined) return;
      const signer = rogue ? this.rogue : this.book.issuerFor(ref);
      let mine = pending.get(signer);
      if (!mine) pending.set(signer, (mine = new Map()));
      const id = unsigned[i]!.identifier;
      mine.set(id, [...(mine.get(id) ?? []), i]);
    });
    for (const [signer, byId] of pending) {
      const at = [...byId.values()];
      const signed = signer.signer.signMany(at.map((is) => licenseSigningText(unsigned[is[0]!]!)));
      at.forEach((is, j) => {
        for (const i of is) values[i] = signed[j]!;
        if (!rogue) this.remember(unsigned[is[0]!]!.identifier, signed[j]!);
      });
    }
    return values as string[];
  }

  /** The license around its signature value: the signer's code, and the tampering faults (altered after signing). */
  private finish(ref: LicenseRef, unsigned: Unsigned, faults: LicenseFaults, value: string): LicenseRecord {
    const signer = faults.unknownIssuer ? this.rogue.code : this.book.issuerFor(ref).code;
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

  private remember(identifier: string, v: string): void {
    if (this.sigMemo.size >= this.memoLimit) this.sigMemo.delete(this.sigMemo.keys().next().value!);
    this.sigMemo.set(identifier, v);
  }
}
