import type { WorldBuilder } from './builder';
import { addressIn, placeByName } from './places';
import type { Place, Resident, Sex } from './types';

/** A named demo resident of a hand-made household (benefit and means-test demos). */
export interface DemoPerson {
  name: string;
  sex: Sex;
  birth: string;
  relation: string;
  demonstrates: string;
  extra?: Partial<Resident>;
}

/**
 * One household at a house of a named place: each person a resident at the same address, then
 * the household register listing them with their relations. The demo files add their own data
 * (licenses, economic records) to the indexes returned.
 */
export function addDemoHousehold(
  b: WorldBuilder,
  places: Place[],
  placeName: string,
  houseNo: number,
  people: DemoPerson[],
  unit: number,
  room: number,
): { place: Place; address: string; idxs: number[] } {
  const place = placeByName(places, placeName);
  const address = addressIn(place, houseNo, unit, room);
  const idxs = people.map((p) =>
    b.addResident({
      idNumber: b.idNumber(place.districtCode, p.birth, p.sex),
      name: p.name,
      sex: p.sex,
      nation: '汉',
      birth: p.birth,
      address,
      areaCode: place.areaCode,
      cardKind: 'resident',
      demonstrates: p.demonstrates,
      ...p.extra,
    }),
  );
  b.addHousehold(
    place,
    address,
    idxs.map((i, k) => [i, people[k]!.relation]),
  );
  return { place, address, idxs };
}
