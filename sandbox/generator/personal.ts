import type { SurfaceValue } from '../../protocol/registry-types';
import { addDays, addYears, ageOn } from './dates';
import { Prng } from './prng';
import type { Resident, World } from './types';

/**
 * Licenses held by individuals beyond identity, property and benefits: social security card, medical
 * insurance e-certificate, driving licence, marriage certificate, academic certificate and medical birth
 * certificate. Who holds which is drawn from a PRNG stream of its own (seed + label), after the world is
 * built, so adding these left every earlier draw, and so every resident, household and property, unchanged.
 * Per resident only a flag byte and one 32-bit draw are stored; the details derive from the draw on demand.
 * The named demo residents (and their households) hold none: their license sets are fixtures that training
 * scenarios and tests list in full.
 */
export type PersonalKey =
  'driving_licence' | 'marriage' | 'social_security_card' | 'medical_insurance' | 'education' | 'birth_certificate';

/** Flag bits, in the order refsForHolder and allRefs list them. */
export const PERSONAL_BITS: ReadonlyArray<readonly [PersonalKey, number]> = [
  ['driving_licence', 1],
  ['marriage', 2],
  ['social_security_card', 4],
  ['medical_insurance', 8],
  ['education', 16],
  ['birth_certificate', 32],
];
const BIT = new Map(PERSONAL_BITS);

export interface PersonalLicenses {
  /** Date the draws count ages from (the population anchor), so the data does not change day to day. */
  anchor: string;
  /** Per resident: which personal licenses they hold (PERSONAL_BITS). */
  flags: Uint8Array;
  /** Per resident: one 32-bit draw the license details derive from. */
  draws: Uint32Array;
  /** Per resident: the spouse's index for a marriage certificate, -1 for none. */
  spouse: Int32Array;
}

/** The label that keeps this stream apart from the population's (`new Prng(seed)`). */
export const PERSONAL_STREAM = 'personal-licenses-v1';
const FIRST_BIRTH_CERTIFICATES = '1996-01-01';
const E_CERTIFICATE_LAUNCH = '2019-11-24';
const LONG_TERM = '9999-12-31';

export function emptyPersonal(anchor: string): PersonalLicenses {
  return { anchor, flags: new Uint8Array(0), draws: new Uint32Array(0), spouse: new Int32Array(0) };
}

export function holds(p: PersonalLicenses, key: PersonalKey, index: number): boolean {
  return ((p.flags[index] ?? 0) & BIT.get(key)!) !== 0;
}

/** Decides who holds which personal license; the world's own draws are not touched. Residents before firstRandom (the demo residents) hold none. */
export function addPersonalLicenses(world: World, seed: string, anchor: string, firstRandom: number): PersonalLicenses {
  const rng = new Prng(`${seed}\u0000${PERSONAL_STREAM}`);
  const n = world.residents.length;
  const flags = new Uint8Array(n);
  const draws = new Uint32Array(n);
  const spouse = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = world.residents[i]!;
    draws[i] = Math.floor(rng.next() * 4294967296) >>> 0;
    if (i < firstRandom || r.cardKind !== 'resident') continue;
    const age = ageOn(r.birth, anchor);
    let f = 0;
    if (rng.chance(0.97)) f |= BIT.get('social_security_card')!;
    if (rng.chance(0.95)) f |= BIT.get('medical_insurance')!;
    if (age >= 18 && age <= 75 && rng.chance(age < 60 ? 0.62 : 0.35)) f |= BIT.get('driving_licence')!;
    if (age >= 21 && rng.chance(age < 45 ? 0.6 : age < 60 ? 0.35 : 0.15)) f |= BIT.get('education')!;
    if (r.birth >= FIRST_BIRTH_CERTIFICATES && rng.chance(0.98)) f |= BIT.get('birth_certificate')!;
    flags[i] = f;
  }
  // Head and spouse of a household, both of legal age (men 22, women 20) at least a month before the anchor.
  const latest = addDays(anchor, -30);
  for (const h of world.households) {
    const head = h.members[0]!;
    if (head < firstRandom) continue;
    const wife = h.members.find((m) => world.residents[m]!.relation === '配偶');
    if (wife === undefined) continue;
    const a = world.residents[head]!;
    const b = world.residents[wife]!;
    if (a.cardKind !== 'resident' || b.cardKind !== 'resident' || a.sex === b.sex) continue;
    if (legalMarriageDate(a, b) > latest || !rng.chance(0.97)) continue;
    flags[head]! |= BIT.get('marriage')!;
    flags[wife]! |= BIT.get('marriage')!;
    spouse[head] = wife;
    spouse[wife] = head;
  }
  return { anchor, flags, draws, spouse };
}

function legalMarriageDate(a: Resident, b: Resident): string {
  const [man, woman] = a.sex === '男' ? [a, b] : [b, a];
  const m = addYears(man.birth, 22);
  const w = addYears(woman.birth, 20);
  return m > w ? m : w;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** mulberry32 over the resident's draw and a per-type salt: cheap, deterministic detail values. */
function details(
  draw: number,
  salt: number,
): { int(min: number, maxInclusive: number): number; pick<T>(items: readonly T[]): T } {
  let a = (draw ^ Math.imul(salt, 0x9e3779b9)) | 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min, maxInclusive) => min + Math.floor(next() * (maxInclusive - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

const VEHICLE_CLASSES = ['C1', 'C1', 'C1', 'C1', 'C1', 'C1', 'C1', 'C1', 'C2', 'C2', 'B2', 'A2', 'A1', 'D'];
const BANKS = ['中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '示范农村商业银行'];
const CARD_LETTERS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ'];
const SCHOOLS = [
  { name: '示范大学', code: '19001' },
  { name: '示范理工大学', code: '19002' },
  { name: '示范师范学院', code: '19003' },
  { name: '示范医学院', code: '19004' },
  { name: '示范职业技术学院', code: '19005' },
];
const MAJORS = [
  '汉语言文学',
  '计算机科学与技术',
  '会计学',
  '机械设计制造及其自动化',
  '临床医学',
  '护理学',
  '土木工程',
  '法学',
  '英语',
  '农学',
  '市场营销',
  '电气工程及其自动化',
];
/** Level, age at graduation, years of study, digit in the certificate number. */
const LEVELS = [
  ['专科', 21, 3, '6'],
  ['本科', 22, 4, '5'],
  ['本科', 22, 4, '5'],
  ['硕士研究生', 25, 3, '4'],
] as const;

export interface PersonalFields {
  holder: Resident;
  number: string;
  issued: string;
  validTo: string;
  areaCode: string;
  surface: Record<string, SurfaceValue>;
}

/** Catalog and surface fields of a personal license, derived from the resident and their draw. */
export function personalFields(world: World, key: PersonalKey, index: number, serial: string): PersonalFields {
  const p = world.personal;
  const r = world.residents[index]!;
  const district = districtOf(r.address);
  const districtCode = r.areaCode.slice(0, 6);
  const age = ageOn(r.birth, p.anchor);
  const d = details(p.draws[index]!, PERSONAL_BITS.findIndex(([k]) => k === key) + 1);
  const base = { holder: r, areaCode: r.areaCode };
  switch (key) {
    case 'social_security_card': {
      const issued = maxDate(addDays(r.birth, 30), addDays(p.anchor, -d.int(30, 3500)));
      const validTo = addYears(issued, 10);
      const cardNumber = `${d.pick(CARD_LETTERS)}${String(index % 100_000_000).padStart(8, '0')}`;
      return {
        ...base,
        number: cardNumber,
        issued,
        validTo,
        surface: { name: r.name, sex: r.sex, idNumber: r.idNumber, cardNumber, bank: d.pick(BANKS), issued, validTo },
      };
    }
    case 'medical_insurance': {
      const activated = addDays(maxDate(E_CERTIFICATE_LAUNCH, r.birth), d.int(0, 900));
      const issued = activated > p.anchor ? p.anchor : activated;
      const number = `YB${districtCode}${serial}`;
      const employee = age >= 18 && age < 60 && d.int(0, 99) < 55;
      return {
        ...base,
        number,
        issued,
        validTo: LONG_TERM,
        surface: {
          name: r.name,
          idNumber: r.idNumber,
          insuranceType: employee ? '职工基本医疗保险' : '城乡居民基本医疗保险',
          insuredArea: districtCode,
          activated: issued,
          certificateNumber: number,
        },
      };
    }
    case 'driving_licence': {
      const from18 = addYears(r.birth, 18);
      const first = addDays(from18, d.int(0, Math.max(0, Math.min(daysBetween(from18, p.anchor) - 1, 40 * 365))));
      // 6 years, then 10, then long-term, renewed on time.
      let validFrom = first;
      const periods = [6, 10];
      let k = 0;
      while (k < periods.length && addYears(validFrom, periods[k]!) <= p.anchor)
        validFrom = addYears(validFrom, periods[k++]!);
      const validTo = k < periods.length ? addYears(validFrom, periods[k]!) : '长期';
      return {
        ...base,
        number: r.idNumber,
        issued: validFrom,
        validTo: validTo === '长期' ? LONG_TERM : validTo,
        surface: {
          name: r.name,
          sex: r.sex,
          nationality: '中国',
          address: r.address,
          birth: r.birth,
          idNumber: r.idNumber,
          firstIssued: first,
          vehicleClass: d.pick(VEHICLE_CLASSES),
          validFrom,
          validTo,
          fileNumber: `${districtCode.slice(0, 4)}${String(index).padStart(8, '0')}`,
          authority: '示范市公安局交通警察支队',
        },
      };
    }
    case 'marriage': {
      const other = world.residents[p.spouse[index]!]!;
      // Both certificates carry the same date and number: derive them from the lower index of the pair.
      const first = Math.min(index, p.spouse[index]!);
      const legal = legalMarriageDate(r, other);
      const span = Math.max(0, Math.min(daysBetween(legal, addDays(p.anchor, -30)), 15 * 365));
      const registered = addDays(legal, details(p.draws[first]!, 99).int(0, span));
      const number = `J${districtCode}-${registered.slice(0, 4)}-${String(first).padStart(7, '0')}`;
      return {
        ...base,
        number,
        issued: registered,
        validTo: LONG_TERM,
        surface: {
          name: r.name,
          idNumber: r.idNumber,
          spouseName: other.name,
          spouseIdNumber: other.idNumber,
          registered,
          certificateNumber: number,
          authority: `示范市${district}民政局`,
        },
      };
    }
    case 'education': {
      const levels = LEVELS.filter(([, gradAge]) => gradAge <= age);
      const [level, gradAge, years, digit] = d.pick(levels);
      const gradYear = Number(r.birth.slice(0, 4)) + gradAge;
      const graduated = `${gradYear}-06-30`;
      const school = level === '专科' ? SCHOOLS[4]! : d.pick(SCHOOLS.slice(0, 4));
      const number = `${school.code}1${gradYear}${digit}${String(index % 10_000_000).padStart(7, '0')}`;
      return {
        ...base,
        number,
        issued: graduated,
        validTo: LONG_TERM,
        surface: {
          name: r.name,
          sex: r.sex,
          birth: r.birth,
          idNumber: r.idNumber,
          school: school.name,
          major: d.pick(MAJORS),
          level,
          studyMode: d.int(0, 9) < 8 ? '全日制' : '非全日制',
          enrolled: `${gradYear - years}-09-01`,
          graduated,
          certificateNumber: number,
        },
      };
    }
    case 'birth_certificate': {
      const issued = minDate(addDays(r.birth, d.int(1, 20)), p.anchor);
      const year = Number(r.birth.slice(0, 4));
      const number = `${CARD_LETTERS[(year - 1996) % CARD_LETTERS.length]}${districtCode.slice(2, 4)}${String(index % 10_000_000).padStart(7, '0')}`;
      const { mother, father } = parentsOf(world, r);
      return {
        ...base,
        number,
        issued,
        validTo: LONG_TERM,
        surface: {
          name: r.name,
          sex: r.sex,
          birth: r.birth,
          birthPlace: `示范市${district}`,
          institution: d.pick([
            `示范市${district}妇幼保健院`,
            `示范市${district}人民医院`,
            '示范市第一人民医院',
            '示范市妇幼保健院',
          ]),
          motherName: mother?.name ?? '',
          motherIdNumber: mother?.idNumber ?? '',
          fatherName: father?.name ?? '',
          fatherIdNumber: father?.idNumber ?? '',
          certificateNumber: number,
        },
      };
    }
  }
}

/** A son or daughter's parents are the head and spouse of the household; others' parents are not on record here. */
function parentsOf(world: World, r: Resident): { mother?: Resident; father?: Resident } {
  if (r.household < 0 || (r.relation !== '子' && r.relation !== '女')) return {};
  const parents = world.households[r.household]!.members.map((m) => world.residents[m]!).filter(
    (m) => m.relation === '户主' || m.relation === '配偶',
  );
  return { mother: parents.find((m) => m.sex === '女'), father: parents.find((m) => m.sex === '男') };
}

const maxDate = (a: string, b: string): string => (a > b ? a : b);
const minDate = (a: string, b: string): string => (a < b ? a : b);

function districtOf(address: string): string {
  const m = /示范市(.+?[区县])/.exec(address);
  return m ? m[1]! : '';
}
