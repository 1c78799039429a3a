import { addYears, ageOn } from './dates';
import type { World } from './types';

/**
 * Pensions for the random population: everyone 60 or over on the anchor date, except one in six
 * (chosen by an ID-number digit, so no PRNG draw is spent and every earlier draw stays as it was).
 * Urban residents draw the employees' scheme, rural ones the residents' scheme.
 */
export function addPensions(world: World, firstRandom: number, anchor: string): void {
  for (let i = firstRandom; i < world.residents.length; i++) {
    const r = world.residents[i]!;
    if (r.cardKind !== 'resident' || ageOn(r.birth, anchor) < 60) continue;
    const digit = Number(r.idNumber[15]);
    if (digit % 6 === 0) continue;
    const place = world.places.find((p) => p.areaCode === r.areaCode);
    const urban = place?.urban ?? false;
    r.pension = {
      scheme: urban ? '城镇职工基本养老保险' : '城乡居民基本养老保险',
      monthlyAmount: String(urban ? 2600 + digit * 230 : 180 + digit * 20),
      since: addYears(r.birth, 60),
      status: digit === 7 ? '暂停发放' : '正常领取',
    };
  }
}
