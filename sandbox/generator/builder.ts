import namesJson from '../../resources/sandbox/names.json';
import { addDays, addYears } from './dates';
import { makeIdNumber } from './id-number';
import { emptyPersonal } from './personal';
import type { Prng } from './prng';
import type { Household, Place, Property, Resident, Sex, World } from './types';

const NATIONS = namesJson.nations.map(([n, w]) => [String(n), Number(w)] as const);

/** Mutable world under construction, with the bookkeeping that keeps ID and certificate numbers unique. */
export class WorldBuilder {
  readonly world: World;
  private seqs = new Map<string, number>();
  private certSerial = 0;

  constructor(
    public rng: Prng,
    /** Fixed date the random population's ages are counted from, so it does not change from day to day. */
    readonly anchor: string,
    seed: string,
    today: string,
    places: Place[],
  ) {
    this.world = {
      seed,
      today,
      residents: [],
      households: [],
      properties: [],
      places,
      byId: new Map(),
      personal: emptyPersonal(anchor),
    };
  }

  /** Runs `fn` drawing from another stream, so what it adds does not depend on how much was drawn before. */
  withStream<T>(rng: Prng, fn: () => T): T {
    const saved = this.rng;
    this.rng = rng;
    try {
      return fn();
    } finally {
      this.rng = saved;
    }
  }

  randomName(sex: Sex, surname?: string): string {
    const s =
      surname ?? this.rng.pick(namesJson.surnames.slice(0, this.rng.chance(0.7) ? 30 : namesJson.surnames.length));
    const pool = sex === '男' ? namesJson.givenMale : namesJson.givenFemale;
    return s + this.rng.pick(pool) + (this.rng.chance(0.65) ? this.rng.pick(pool) : '');
  }

  randomNation(): string {
    return this.rng.weighted(NATIONS);
  }

  /** A unique ID number; the sequence counter per region+birth keeps collisions impossible. */
  idNumber(region: string, birth: string, sex: Sex): string {
    const key = region + birth;
    for (;;) {
      const next = this.seqs.get(key) ?? this.rng.int(0, 400);
      this.seqs.set(key, next + 2);
      const id = makeIdNumber(region, birth, next, sex);
      if (!this.world.byId.has(id)) return id;
    }
  }

  /** Card issue date consistent with the legal validity periods (5/10/20 years, or long-term from 46). */
  cardIssued(birth: string): string {
    const age = Number(this.anchor.slice(0, 4)) - Number(birth.slice(0, 4));
    const back = age < 16 ? this.rng.int(30, 1500) : age < 26 ? this.rng.int(30, 3300) : this.rng.int(30, 6900);
    const issued = addDays(this.anchor, -back);
    return issued < birth ? addDays(birth, 30) : issued;
  }

  addResident(r: Omit<Resident, 'properties' | 'cardIssued' | 'household' | 'relation'> & Partial<Resident>): number {
    const idx = this.world.residents.length;
    this.world.residents.push({
      household: -1,
      relation: '',
      properties: [],
      cardIssued: r.cardIssued ?? this.cardIssued(r.birth),
      ...r,
    });
    this.world.byId.set(r.idNumber, idx);
    return idx;
  }

  addHousehold(place: Place, address: string, members: Array<[number, string]>): number {
    const idx = this.world.households.length;
    const head = this.world.residents[members[0]![0]]!;
    const hh: Household = {
      number: `${place.districtCode.slice(2)}${String(100000 + idx).padStart(7, '0')}`,
      type: place.urban ? '家庭户' : '农业家庭户',
      address,
      areaCode: place.areaCode,
      members: members.map(([m]) => m),
      registered: '',
    };
    const candidate = addDays('1990-01-01', this.rng.int(0, 12000));
    hh.registered = candidate < head.birth ? addDays(head.birth, 20) : candidate;
    this.world.households.push(hh);
    for (const [m, relation] of members) {
      const r = this.world.residents[m]!;
      r.household = idx;
      r.relation = relation;
      r.address = address;
      r.areaCode = place.areaCode;
    }
    return idx;
  }

  addProperty(kind: Property['kind'], place: Place, address: string, owners: number[]): number {
    const idx = this.world.properties.length;
    this.certSerial += 1;
    const year = 2008 + this.rng.int(0, 17);
    const serial = String(this.certSerial).padStart(7, '0');
    this.world.properties.push({
      kind,
      number: kind === 'real_estate' ? `示(${year})示范市不动产权第${serial}号` : `示集用(${year})第${serial}号`,
      owners,
      address,
      areaCode: place.areaCode,
      village: place.name,
      use: kind === 'homestead' ? '宅基地' : '住宅',
      area: (kind === 'homestead' ? this.rng.int(120, 330) : this.rng.int(45, 160)).toFixed(2),
      issued: `${year}-${String(this.rng.int(1, 12)).padStart(2, '0')}-${String(this.rng.int(1, 28)).padStart(2, '0')}`,
    });
    for (const o of owners) this.world.residents[o]!.properties.push(idx);
    return idx;
  }

  /** A birth date for someone `age` years old on the anchor date (random day within that year of age). */
  birthForAge(age: number): string {
    return addDays(addYears(this.anchor, -age - 1), this.rng.int(1, 364));
  }
}
