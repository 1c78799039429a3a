import placesJson from '../../resources/sandbox/places.json';
import type { Place } from './types';

export const CITY = placesJson.city;
export const PROGRAM_NAME = placesJson.program.name;

/** Programs other than clean-energy, by id: the places they cover. */
export const OTHER_PROGRAMS: Readonly<Record<string, { name: string; places: readonly string[] }>> =
  placesJson.programs;

/** Flattens resources/sandbox/places.json; rural villages and communities are in the program unless excluded. */
export function loadPlaces(): Place[] {
  const excluded = new Set(placesJson.program.excludeVillages);
  const out: Place[] = [];
  for (const d of placesJson.districts) {
    d.towns.forEach((t, ti) => {
      t.places.forEach((p, pi) => {
        const village = p.endsWith('村');
        out.push({
          areaCode: `${d.code}${String(ti + 1).padStart(3, '0')}${String(pi + (village ? 201 : 1)).padStart(3, '0')}`,
          name: p,
          district: d.name,
          districtCode: d.code,
          town: t.name,
          village,
          urban: d.urban,
          inProgram: !d.urban && !excluded.has(p),
        });
      });
    });
  }
  return out;
}

export function placeByName(places: Place[], name: string): Place {
  const p = places.find((x) => x.name === name);
  if (!p) throw new Error(`no place named ${name} in resources/sandbox/places.json`);
  return p;
}

/** A house number address in a place; urban communities get building/unit/room. */
export function addressIn(place: Place, n: number, unit = 1, room = 101): string {
  const prefix = `${CITY.name}${place.district}${place.town}${place.name}`;
  return place.village ? `${prefix}${n}号` : `${prefix}${n}号楼${unit}单元${room}室`;
}
