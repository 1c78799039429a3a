import type { WorldBuilder } from './builder';
import { addressIn } from './places';
import type { Place, Sex } from './types';

const DISABILITY_CATEGORIES = ['视力残疾', '听力残疾', '言语残疾', '肢体残疾', '智力残疾', '精神残疾'];
const GRADES = ['一级', '二级', '三级', '四级'];

/** Adds one random household of 1-6 people at a random place, with its property and benefit certificates. */
export function addRandomHousehold(b: WorldBuilder): void {
  const { rng } = b;
  const place: Place = rng.pick(b.world.places);
  const houseNo = rng.int(1, 399);
  const address = addressIn(place, houseNo, rng.int(1, 6), rng.int(1, 18) * 100 + rng.int(1, 4));
  const size = rng.weighted([
    [1, 14],
    [2, 28],
    [3, 26],
    [4, 18],
    [5, 9],
    [6, 5],
  ] as const);
  const headAge = rng.int(22, 88);
  const headSex: Sex = rng.chance(0.7) ? '男' : '女';
  const surname = b.randomName(headSex).slice(0, 1);
  const members: Array<[number, string]> = [];

  const person = (age: number, sex: Sex, relation: string, familyName?: string): void => {
    const birth = b.birthForAge(Math.min(95, Math.max(0, age)));
    const idx = b.addResident({
      idNumber: b.idNumber(place.districtCode, birth, sex),
      name: b.randomName(sex, familyName),
      sex,
      nation: b.randomNation(),
      birth,
      address,
      areaCode: place.areaCode,
      cardKind: 'resident',
    });
    members.push([idx, relation]);
  };

  person(headAge, headSex, '户主', surname);
  let left = size - 1;
  if (left > 0 && rng.chance(0.8)) {
    person(headAge + rng.int(-5, 5), headSex === '男' ? '女' : '男', '配偶');
    left -= 1;
  }
  if (left > 0 && headAge < 60 && rng.chance(0.25)) {
    const sex: Sex = rng.chance(0.5) ? '男' : '女';
    person(
      Math.min(95, headAge + rng.int(22, 32)),
      sex,
      sex === '男' ? '父亲' : '母亲',
      sex === '男' ? surname : undefined,
    );
    left -= 1;
  }
  for (; left > 0; left--) {
    const sex: Sex = rng.chance(0.5) ? '男' : '女';
    const grandchild = headAge >= 58 && rng.chance(0.4);
    const age = grandchild ? rng.int(0, headAge - 45) : Math.max(0, headAge - rng.int(20, 38));
    person(age, sex, grandchild ? (sex === '男' ? '孙子' : '孙女') : sex === '男' ? '子' : '女', surname);
  }
  b.addHousehold(place, address, members);

  const owners = members.filter(([, rel]) => rel === '户主' || rel === '配偶').map(([m]) => m);
  if (place.urban ? rng.chance(0.7) : rng.chance(0.82)) {
    b.addProperty(place.village ? 'homestead' : 'real_estate', place, address, owners);
  }
  benefits(
    b,
    members.map(([m]) => m),
  );
}

function benefits(b: WorldBuilder, members: number[]): void {
  const { rng } = b;
  const lowIncome = rng.chance(0.03);
  for (const m of members) {
    const r = b.world.residents[m]!;
    if (rng.chance(0.04)) r.disability = { category: rng.pick(DISABILITY_CATEGORIES), grade: rng.pick(GRADES) };
    if (lowIncome && r.relation === '户主') {
      const from = `${b.anchor.slice(0, 4)}-01-01`;
      r.lowIncome = {
        monthlyAmount: String(rng.int(8, 14) * 100),
        validFrom: from,
        validTo: `${b.anchor.slice(0, 4)}-12-31`,
      };
    }
    const age = Number(b.anchor.slice(0, 4)) - Number(r.birth.slice(0, 4));
    if (age >= 61 && rng.chance(0.7))
      r.seniorCard = { issued: `${Number(r.birth.slice(0, 4)) + 60}${r.birth.slice(4)}` };
  }
}
