import typesJson from '../../resources/registry/license-types.json';
import { buildLicenseId, parseLicenseId } from '../../protocol/license-id';
import type { CatalogEntry, LicenseRecord, SurfaceValue } from '../../protocol/registry-types';
import { addDays, addYears } from './dates';
import type { Issuer, IssuerKey } from './keys';
import { PERSONAL_BITS, holds, personalFields, type PersonalKey } from './personal';
import { portraitPng } from './portrait';
import { leaseTerm } from './school';
import type { Resident, World } from './types';

export type LicenseKey =
  | 'resident_id'
  | 'household_register'
  | 'real_estate'
  | 'homestead'
  | 'disability'
  | 'low_income'
  | 'senior_card'
  | 'pension'
  | 'lease'
  | 'social_insurance'
  | PersonalKey;
export type Unsigned = Omit<LicenseRecord, 'digitalSign'>;

const TYPES = new Map(typesJson.types.map((t) => [t.key as LicenseKey, t]));
const BY_CODE = new Map(typesJson.types.map((t) => [t.code, t.key as LicenseKey]));
const LONG_TERM = '9999-12-31';
const DIS_CATEGORIES = ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾'];
const GRADES = ['一级', '二级', '三级', '四级'];

/** A license is (type, entity index); the serial carries the index so nothing per license is stored. */
export interface LicenseRef {
  key: LicenseKey;
  index: number;
}

const serialOf = (index: number): string => String(1_000_000 + index);

export class LicenseBook {
  private readonly photos = new Map<number, string>();

  constructor(
    private readonly world: World,
    private readonly issuers: Record<IssuerKey, Issuer>,
    private readonly rogue: Issuer,
  ) {}

  issuerFor(ref: LicenseRef): Issuer {
    if (ref.key === 'resident_id' && this.world.residents[ref.index]?.licenseFault === 'rogue-issuer')
      return this.rogue;
    return this.issuers[TYPES.get(ref.key)!.issuer as IssuerKey];
  }

  /** The license's type code, without building the license (the batch endpoint filters on it). */
  typeCode(ref: LicenseRef): string {
    return TYPES.get(ref.key)!.code;
  }

  identifier(ref: LicenseRef): string {
    return buildLicenseId({
      typeCode: TYPES.get(ref.key)!.code,
      issuerCode: this.issuerFor(ref).code,
      serial: serialOf(ref.index),
      version: '001',
    });
  }

  /** The licenses whose catalog a search by this ID number returns (any member, any owner). */
  refsForHolder(idNumber: string): LicenseRef[] {
    const i = this.world.byId.get(idNumber);
    if (i === undefined) return [];
    const r = this.world.residents[i]!;
    const refs: LicenseRef[] = [];
    if (r.cardKind === 'resident') refs.push({ key: 'resident_id', index: i });
    if (r.household >= 0) refs.push({ key: 'household_register', index: r.household });
    for (const p of r.properties) refs.push({ key: this.world.properties[p]!.kind, index: p });
    if (r.disability) refs.push({ key: 'disability', index: i });
    if (r.lowIncome) refs.push({ key: 'low_income', index: i });
    if (r.seniorCard) refs.push({ key: 'senior_card', index: i });
    if (r.pension) refs.push({ key: 'pension', index: i });
    // Personal licenses come after the original types, so their order is unchanged.
    for (const [key] of PERSONAL_BITS) if (holds(this.world.personal, key, i)) refs.push({ key, index: i });
    // School-enrolment data last of all: every earlier list stays as it was. A lease is found by
    // any member of the household (承租人 and 同住人 are all on it).
    const school = this.world.school;
    if (school && r.household >= 0 && school.lease[r.household]) refs.push({ key: 'lease', index: r.household });
    if (school?.months[i]) refs.push({ key: 'social_insurance', index: i });
    return refs;
  }

  /** Every license in the world, for counting and benchmarks. */
  *allRefs(): Generator<LicenseRef> {
    const { residents, households, properties } = this.world;
    for (let i = 0; i < residents.length; i++) {
      const r = residents[i]!;
      if (r.cardKind === 'resident') yield { key: 'resident_id', index: i };
      if (r.disability) yield { key: 'disability', index: i };
      if (r.lowIncome) yield { key: 'low_income', index: i };
      if (r.seniorCard) yield { key: 'senior_card', index: i };
      if (r.pension) yield { key: 'pension', index: i };
    }
    for (let h = 0; h < households.length; h++) yield { key: 'household_register', index: h };
    for (let p = 0; p < properties.length; p++) yield { key: properties[p]!.kind, index: p };
    const { flags } = this.world.personal;
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if (f !== 0) for (const [key, bit] of PERSONAL_BITS) if (f & bit) yield { key, index: i };
    }
    const school = this.world.school;
    if (!school) return;
    for (let h = 0; h < school.lease.length; h++) if (school.lease[h]) yield { key: 'lease', index: h };
    for (let i = 0; i < school.months.length; i++) if (school.months[i]) yield { key: 'social_insurance', index: i };
  }

  /** Resolves an identifier to the license it names, or null when no such license exists. */
  resolve(identifier: string): LicenseRef | null {
    const parts = parseLicenseId(identifier);
    if (!parts) return null;
    const key = BY_CODE.get(parts.typeCode);
    const index = Number(parts.serial) - 1_000_000;
    if (!key || parts.version !== '001' || !Number.isInteger(index) || index < 0) return null;
    const ref = { key, index };
    if (!this.exists(ref)) return null;
    return this.identifier(ref) === identifier ? ref : null;
  }

  private exists(ref: LicenseRef): boolean {
    const { residents, households, properties } = this.world;
    const r = residents[ref.index];
    switch (ref.key) {
      case 'resident_id':
        return r?.cardKind === 'resident';
      case 'disability':
        return !!r?.disability;
      case 'low_income':
        return !!r?.lowIncome;
      case 'senior_card':
        return !!r?.seniorCard;
      case 'pension':
        return !!r?.pension;
      case 'household_register':
        return ref.index < households.length;
      case 'lease':
        return !!this.world.school?.lease[ref.index];
      case 'social_insurance':
        return !!this.world.school?.months[ref.index];
      case 'real_estate':
      case 'homestead':
        return properties[ref.index]?.kind === ref.key;
      default:
        return holds(this.world.personal, ref.key, ref.index);
    }
  }

  /** Portraits are cheap (~0.7 ms) but on the hot path of every resident-ID fetch, so recent ones are kept. */
  private photo(resident: number): string {
    let p = this.photos.get(resident);
    if (p === undefined) {
      p = portraitPng(this.world.residents[resident]!.idNumber).toString('base64');
      if (this.photos.size >= 20_000) this.photos.delete(this.photos.keys().next().value!);
      this.photos.set(resident, p);
    }
    return p;
  }

  catalog(ref: LicenseRef): CatalogEntry {
    const l = this.unsigned(ref, false);
    return {
      identifier: l.identifier,
      certificateType: l.certificateType,
      certificateName: l.certificateName,
      certificateNumber: l.certificateNumber,
      issueDept: l.issueDept,
      issueDeptCode: l.issueDeptCode,
      certificateValidateEnd: l.certificateValidateEnd,
    };
  }

  /** The license without its signature; the photo is drawn only when asked for (it is the costly part). */
  unsigned(ref: LicenseRef, withPhoto = true): Unsigned {
    const type = TYPES.get(ref.key)!;
    const issuer = this.issuerFor(ref);
    const f = this.fields(ref, withPhoto);
    return {
      identifier: this.identifier(ref),
      certificateType: type.code,
      certificateName: type.nameZh,
      certificateHolder: f.holder.name,
      certificateHolderCode: f.holder.idNumber,
      certificateHolderType: '111',
      issueDept: issuer.name,
      issueDeptCode: issuer.code,
      certificateNumber: f.number,
      issueDate: f.issued,
      certificateValidateStart: f.issued,
      certificateValidateEnd: f.validTo,
      certificateAreaCode: f.areaCode,
      surface: f.surface,
    };
  }

  private fields(
    ref: LicenseRef,
    withPhoto: boolean,
  ): {
    holder: Resident;
    number: string;
    issued: string;
    validTo: string;
    areaCode: string;
    surface: Record<string, SurfaceValue>;
  } {
    const { residents, households, properties } = this.world;
    const res = (i: number): Resident => residents[i]!;
    switch (ref.key) {
      case 'resident_id': {
        const r = res(ref.index);
        const validTo = idCardValidTo(r);
        return {
          holder: r,
          number: r.idNumber,
          issued: r.cardIssued,
          validTo: validTo === '长期' ? LONG_TERM : validTo,
          areaCode: r.areaCode,
          surface: {
            name: r.name,
            sex: r.sex,
            nation: r.nation,
            birth: r.birth,
            address: r.address,
            idNumber: r.idNumber,
            authority: `示范市公安局${districtOf(r.address)}分局`,
            validFrom: r.cardIssued,
            validTo,
            photo: withPhoto ? this.photo(ref.index) : '',
          },
        };
      }
      case 'household_register': {
        const h = households[ref.index]!;
        const head = res(h.members[0]!);
        return {
          holder: head,
          number: h.number,
          issued: h.registered,
          validTo: LONG_TERM,
          areaCode: h.areaCode,
          surface: {
            householdNumber: h.number,
            householdType: h.type,
            address: h.address,
            areaCode: h.areaCode,
            headName: head.name,
            headIdNumber: head.idNumber,
            members: h.members.map((m) => {
              const r = res(m);
              return { name: r.name, idNumber: r.idNumber, relation: r.relation, sex: r.sex, birth: r.birth };
            }),
          },
        };
      }
      case 'real_estate':
      case 'homestead': {
        const p = properties[ref.index]!;
        const owners = p.owners.map((o) => ({
          name: res(o).name,
          idNumber: res(o).idNumber,
          share: p.owners.length > 1 ? '共同共有' : '单独所有',
        }));
        const common = { certificateNumber: p.number, owners, address: p.address, areaCode: p.areaCode, area: p.area };
        return {
          holder: res(p.owners[0]!),
          number: p.number,
          issued: p.issued,
          validTo: LONG_TERM,
          areaCode: p.areaCode,
          surface:
            ref.key === 'homestead'
              ? { ...common, village: p.village }
              : { ...common, use: p.use, tenure: `${p.issued}起70年` },
        };
      }
      case 'disability': {
        const r = res(ref.index);
        const d = r.disability!;
        const cardNumber = `${r.idNumber}${DIS_CATEGORIES.indexOf(d.category) + 1}${GRADES.indexOf(d.grade) + 1}`;
        return {
          holder: r,
          number: cardNumber,
          issued: r.cardIssued,
          validTo: addYears(r.cardIssued, 10),
          areaCode: r.areaCode,
          surface: { name: r.name, idNumber: r.idNumber, category: d.category, grade: d.grade, cardNumber },
        };
      }
      case 'low_income': {
        const r = res(ref.index);
        const li = r.lowIncome!;
        const hh = r.household >= 0 ? households[r.household]!.number : '';
        return {
          holder: r,
          number: `DB${r.areaCode.slice(0, 6)}${serialOf(ref.index)}`,
          issued: li.validFrom,
          validTo: li.validTo,
          areaCode: r.areaCode,
          surface: {
            name: r.name,
            idNumber: r.idNumber,
            householdNumber: hh,
            monthlyAmount: li.monthlyAmount,
            validFrom: li.validFrom,
            validTo: li.validTo,
          },
        };
      }
      case 'senior_card': {
        const r = res(ref.index);
        const cardNumber = `LN${r.areaCode.slice(0, 6)}${serialOf(ref.index)}`;
        return {
          holder: r,
          number: cardNumber,
          issued: r.seniorCard!.issued,
          validTo: LONG_TERM,
          areaCode: r.areaCode,
          surface: { name: r.name, idNumber: r.idNumber, cardNumber, issued: r.seniorCard!.issued },
        };
      }
      case 'pension': {
        const r = res(ref.index);
        const p = r.pension!;
        return {
          holder: r,
          number: `YL${r.areaCode.slice(0, 6) || '110900'}${serialOf(ref.index)}`,
          issued: p.since,
          validTo: LONG_TERM,
          areaCode: r.areaCode,
          surface: {
            name: r.name,
            idNumber: r.idNumber,
            scheme: p.scheme,
            monthlyAmount: p.monthlyAmount,
            since: p.since,
            status: p.status,
          },
        };
      }
      case 'lease': {
        const h = households[ref.index]!;
        const head = res(h.members[0]!);
        const { from, to } = leaseTerm(this.world.school!, ref.index, this.world.personal.anchor);
        const number = `ZL${h.areaCode.slice(0, 6)}${serialOf(ref.index)}`;
        return {
          holder: head,
          number,
          issued: from,
          validTo: to,
          areaCode: h.areaCode,
          surface: {
            certificateNumber: number,
            tenants: h.members.map((m) => ({
              name: res(m).name,
              idNumber: res(m).idNumber,
              relation: m === h.members[0] ? '承租人' : '同住人',
            })),
            address: h.address,
            areaCode: h.areaCode,
            from,
            to,
          },
        };
      }
      case 'social_insurance': {
        const r = res(ref.index);
        const months = this.world.school!.months[ref.index]!;
        const anchor = this.world.personal.anchor;
        const since = addDays(anchor, -Math.round(months * 30.44));
        const urban = this.world.places.find((p) => p.areaCode === r.areaCode)?.urban ?? false;
        return {
          holder: r,
          number: `SB${r.areaCode.slice(0, 6)}${serialOf(ref.index)}`,
          issued: anchor,
          validTo: LONG_TERM,
          areaCode: r.areaCode,
          surface: {
            name: r.name,
            idNumber: r.idNumber,
            scheme: urban ? '城镇职工基本养老保险' : '城乡居民基本养老保险',
            insuredArea: r.areaCode.slice(0, 6),
            months: String(months),
            since,
            status: '正常参保',
          },
        };
      }
      default:
        return personalFields(this.world, ref.key, ref.index, serialOf(ref.index));
    }
  }
}

/** Legal validity of a resident card by age at issue: 5, 10, 20 years, or long-term from 46. */
function idCardValidTo(r: Resident): string {
  const ageAtIssue = Number(r.cardIssued.slice(0, 4)) - Number(r.birth.slice(0, 4));
  if (ageAtIssue >= 46) return '长期';
  return addYears(r.cardIssued, ageAtIssue < 16 ? 5 : ageAtIssue < 26 ? 10 : 20);
}

function districtOf(address: string): string {
  const m = /示范市(.+?[区县])/.exec(address);
  return m ? m[1]! : '';
}
