import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import demoFile from '../../../resources/sandbox/demo-residents.json';
import { SandboxData } from '../../../sandbox/data';
import { addDays as addDaysIso, ageOn } from '../../../sandbox/generator/dates';
import { generateWorld } from '../../../sandbox/generator/generate';
import { isValidIdNumber } from '../../../protocol/id-number';
import { idCheckChar } from '../../../sandbox/generator/id-number';
import { portraitPng } from '../../../sandbox/generator/portrait';

const TODAY = '2026-11-23';
const digest = (w: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(w, (_k, v: unknown) => (v instanceof Map ? [...v] : v)))
    .digest('hex');

describe('generator', () => {
  it('same seed and date -> identical world; another seed -> a different one', () => {
    const a = generateWorld({ seed: 's1', residents: 800, today: TODAY });
    const b = generateWorld({ seed: 's1', residents: 800, today: TODAY });
    const c = generateWorld({ seed: 's2', residents: 800, today: TODAY });
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
  });

  it('GB 11643 check digits: reference example and every generated resident', () => {
    expect(idCheckChar('36042619910101007')).toBe('1');
    expect(isValidIdNumber('360426199101010071')).toBe(true);
    expect(isValidIdNumber('360426199101010072')).toBe(false);
    const w = generateWorld({ residents: 3000, today: TODAY });
    const ids = new Set<string>();
    for (const r of w.residents) {
      expect(isValidIdNumber(r.idNumber), r.idNumber).toBe(true);
      ids.add(r.idNumber);
      if (r.cardKind === 'resident') {
        expect(r.idNumber.slice(6, 14)).toBe(r.birth.replace(/-/g, ''));
        expect(Number(r.idNumber[16]) % 2 === 1).toBe(r.sex === '男');
      }
    }
    expect(ids.size).toBe(w.residents.length);
    const ages = w.residents.map((r) => ageOn(r.birth, TODAY));
    expect(Math.min(...ages)).toBeLessThanOrEqual(1);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(88);
  });

  it('households have one head, members share the address, properties sit at it', () => {
    const w = generateWorld({ residents: 2000, today: TODAY });
    for (const h of w.households) {
      const rels = h.members.map((m) => w.residents[m]!.relation);
      expect(rels[0]).toBe('户主');
      expect(rels.filter((r) => r === '户主')).toHaveLength(1);
      for (const m of h.members) expect(w.residents[m]!.address).toBe(h.address);
    }
    expect(w.properties.some((p) => p.kind === 'homestead')).toBe(true);
    expect(w.properties.some((p) => p.kind === 'real_estate')).toBe(true);
  });

  it('portraits are deterministic, small PNGs', () => {
    const a = portraitPng('110903196803121617');
    expect(a.subarray(1, 4).toString()).toBe('PNG');
    expect(a.readUInt32BE(16)).toBe(96);
    expect(a.readUInt32BE(20)).toBe(120);
    expect(a.equals(portraitPng('110903196803121617'))).toBe(true);
    expect(a.equals(portraitPng('110903197005203348'))).toBe(false);
    expect(a.length).toBeLessThan(8000);
  });
});

describe('demo residents', () => {
  const data = new SandboxData({ today: TODAY });
  const live = data.demoResidents();
  const w = data.world;
  const byName = (n: string) => w.residents[w.byId.get(live.find((d) => d.name === n)!.idNumber)!]!;
  const areas = new Set(data.programAreas()!.map((a) => a.areaCode));
  const holdsPropertyAtHome = (name: string): boolean => {
    const r = byName(name);
    const hh = w.households[r.household]!;
    return hh.members.some((m) => w.residents[m]!.properties.some((p) => w.properties[p]!.address === hh.address));
  };

  it('resources/sandbox/demo-residents.json matches the default generator (date-relative entries excepted)', () => {
    expect(demoFile.map((d) => d.name)).toEqual(live.map((d) => d.name));
    for (const d of demoFile) {
      if (d.name === '陈德福' || d.name === '吴寿山') continue; // birth follows the reference date by design
      expect(live.find((x) => x.name === d.name)).toEqual(d);
    }
  });

  it('cover every rule', () => {
    expect(areas.has(byName('张建国').areaCode) && holdsPropertyAtHome('张建国')).toBe(true);
    expect(
      areas.has(byName('李秀英').areaCode) && holdsPropertyAtHome('李秀英') && byName('李秀英').properties.length === 0,
    ).toBe(true);
    expect(areas.has(byName('郭春梅').areaCode) && holdsPropertyAtHome('郭春梅')).toBe(true);
    expect(areas.has(byName('王志强').areaCode)).toBe(false);
    expect(areas.has(byName('刘海').areaCode) && !holdsPropertyAtHome('刘海')).toBe(true);
    const chen = byName('陈德福');
    expect(ageOn(chen.birth, TODAY)).toBe(64);
    expect(ageOn(chen.birth, '2027-01-22')).toBe(65);
    expect(ageOn(byName('吴寿山').birth, TODAY)).toBe(79);
    expect(ageOn(byName('吴寿山').birth, addDaysIso(TODAY, 20))).toBe(80);
    expect(ageOn(byName('赵桂兰').birth, TODAY)).toBeGreaterThanOrEqual(60);
    expect(byName('赵桂兰').seniorCard).toBeUndefined();
    expect(byName('孙丽').disability && byName('孙丽').lowIncome).toBeTruthy();
    expect(byName('周强').licenseFault).toBe('tampered');
    expect(byName('吴敏').licenseFault).toBe('rogue-issuer');
    expect(ageOn(byName('张子轩').birth, TODAY)).toBeLessThan(18);
    expect(byName('张子轩').household).toBe(byName('张建国').household);
    expect(live.filter((d) => d.cardKind === 'hmt_permit')).toHaveLength(1);
    expect(live.filter((d) => d.cardKind === 'foreign_2023')).toHaveLength(1);
    for (const d of live) expect(isValidIdNumber(d.idNumber), d.name).toBe(true);
  });

  it('every demo resident with a resident card has a resident-ID license; permit holders have none', () => {
    for (const d of live) {
      const types = data.book.refsForHolder(d.idNumber).map((r) => r.key);
      expect(types.includes('resident_id'), d.name).toBe(d.cardKind === 'resident');
      if (d.cardKind !== 'resident') expect(types.includes('household_register')).toBe(false);
    }
  });
});
