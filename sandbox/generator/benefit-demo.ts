import type { WorldBuilder } from './builder';
import { addDemoHousehold, type DemoPerson } from './demo-household';
import { addDays, addYears } from './dates';
import { PERSONAL_BITS, type PersonalKey } from './personal';
import { placeByName } from './places';
import { Prng } from './prng';
import type { World } from './types';

/** The label that keeps this stream apart from the population's and the personal licenses'. */
export const BENEFIT_DEMO_STREAM = 'benefit-demo-v1';

interface Person extends DemoPerson {
  personal?: PersonalKey[];
  /** Index (in this household's list) of the spouse on a marriage certificate. */
  spouse?: number;
}

/**
 * Named residents for the service items beyond the first three (allowances, social insurance,
 * residence permits): disability grades, low-income status, pensions, personal licenses, a
 * non-local resident and a family whose every license fails verification (so each item is
 * "unknown" for someone). Added after the random population from a stream of their own, so the
 * population and the first demo residents stay exactly as they were; they hold exactly the
 * personal licenses listed here (grantPersonal, after those are drawn).
 */
export function addBenefitDemoResidents(b: WorldBuilder, seed: string): { grantPersonal(world: World): void } {
  const w = b.world;
  const start = { resident: w.residents.length, household: w.households.length, property: w.properties.length };
  const today = w.today;
  const grants: Array<{ index: number; keys: PersonalKey[]; spouse?: number }> = [];

  const household = (placeName: string, houseNo: number, people: Person[], unit = 1, room = 101): number[] => {
    const { idxs } = addDemoHousehold(b, w.places, placeName, houseNo, people, unit, room);
    people.forEach((p, k) =>
      grants.push({
        index: idxs[k]!,
        keys: p.personal ?? [],
        ...(p.spouse !== undefined ? { spouse: idxs[p.spouse]! } : {}),
      }),
    );
    return idxs;
  };
  const property = (placeName: string, owners: number[]): void => {
    b.addProperty('real_estate', placeByName(w.places, placeName), w.residents[owners[0]!]!.address, owners);
  };
  const year = today.slice(0, 4);
  const lowIncome = { monthlyAmount: '1280', validFrom: `${year}-01-01`, validTo: `${year}-12-31` };

  b.withStream(new Prng(`${seed}\u0000${BENEFIT_DEMO_STREAM}`), () => {
    // An 86-year-old with a grade-one disability, low income, a pension and a senior card: the allowances pass.
    const qian = household(
      '光明社区',
      6,
      [
        {
          name: '钱秀兰',
          sex: '女',
          birth: '1940-06-15',
          relation: '户主',
          demonstrates:
            'allowances PASS: 86, 视力残疾一级 (certificate due for renewal), 低保, 城乡居民养老金, senior card, own flat in 光明社区 (senior-meal area)',
          // Issued nine and a half years ago, so the disability certificate (10 years) expires within the year.
          extra: {
            disability: { category: '视力残疾', grade: '一级' },
            lowIncome,
            pension: { scheme: '城乡居民基本养老保险', monthlyAmount: '260', since: '2000-06-15', status: '正常领取' },
            seniorCard: { issued: '2001-03-01' },
            cardIssued: addDays(addYears(today, -10), 180),
          },
          personal: ['social_security_card', 'medical_insurance'],
        },
        {
          name: '王建军',
          sex: '男',
          birth: '1966-02-11',
          relation: '子',
          demonstrates: "household member of 钱秀兰; 60, drawing an employees' pension: working-age items FAIL",
          extra: {
            pension: { scheme: '城镇职工基本养老保险', monthlyAmount: '4120', since: '2026-02-11', status: '正常领取' },
          },
          personal: ['social_security_card', 'medical_insurance'],
        },
      ],
      3,
      102,
    );
    property('光明社区', [qian[0]!]);

    // A mother of working age and her daughter with a disability.
    household(
      '湖畔社区',
      11,
      [
        {
          name: '林芳',
          sex: '女',
          birth: '1988-09-12',
          relation: '户主',
          demonstrates:
            'working-age PASS: 38, social security card, medical insurance, academic certificate, no pension, no property, no low income',
          personal: ['social_security_card', 'medical_insurance', 'education'],
        },
        {
          name: '林小雨',
          sex: '女',
          birth: '2016-05-20',
          relation: '女',
          demonstrates: 'child with 智力残疾二级 and a medical birth certificate: child rehabilitation PASS',
          extra: { disability: { category: '智力残疾', grade: '二级' } },
          personal: ['birth_certificate', 'medical_insurance'],
        },
      ],
      2,
      501,
    );

    // A married couple with the personal licenses: marriage, driving licence, flat.
    const huang = household(
      '朝阳社区',
      15,
      [
        {
          name: '黄志明',
          sex: '男',
          birth: '1978-11-30',
          relation: '户主',
          demonstrates:
            'married, driving licence, academic certificate, real-estate title in 朝阳社区 (outside the senior-meal area)',
          personal: ['marriage', 'driving_licence', 'education', 'social_security_card', 'medical_insurance'],
          spouse: 1,
        },
        {
          name: '周慧',
          sex: '女',
          birth: '1980-02-14',
          relation: '配偶',
          demonstrates: 'spouse of 黄志明 on the marriage certificate',
          personal: ['marriage', 'social_security_card', 'medical_insurance'],
          spouse: 0,
        },
      ],
      1,
      1201,
    );
    property('朝阳社区', huang);

    // Every license of this family fails verification: each item is "unknown" for one of them.
    const deng = household(
      '团结社区',
      30,
      [
        {
          name: '邓伟',
          sex: '男',
          birth: '1940-04-18',
          relation: '户主',
          demonstrates: 'UNKNOWN for every item: 86, holds every license type, each with a broken signature',
          extra: {
            licenseFault: 'tampered-all',
            disability: { category: '肢体残疾', grade: '一级' },
            lowIncome,
            pension: { scheme: '城镇职工基本养老保险', monthlyAmount: '3900', since: '2000-04-18', status: '正常领取' },
            seniorCard: { issued: '2000-05-01' },
          },
          personal: ['social_security_card', 'medical_insurance', 'marriage', 'education', 'driving_licence'],
          spouse: 1,
        },
        {
          name: '宋玉珍',
          sex: '女',
          birth: '1943-01-09',
          relation: '配偶',
          demonstrates: 'spouse of 邓伟; every license with a broken signature',
          extra: { licenseFault: 'tampered-all' },
          personal: ['marriage', 'social_security_card', 'medical_insurance'],
          spouse: 0,
        },
        {
          name: '邓建',
          sex: '男',
          birth: '1981-08-08',
          relation: '子',
          demonstrates:
            'UNKNOWN for working-age items: 45, disability and low income, every license with a broken signature',
          extra: { licenseFault: 'tampered-all', disability: { category: '听力残疾', grade: '二级' }, lowIncome },
          personal: ['social_security_card', 'medical_insurance', 'education'],
        },
        {
          name: '邓小宝',
          sex: '男',
          birth: '2019-03-03',
          relation: '孙子',
          demonstrates: 'UNKNOWN for child items: 7, disability and birth certificate with broken signatures',
          extra: { licenseFault: 'tampered-all', disability: { category: '言语残疾', grade: '三级' } },
          personal: ['birth_certificate', 'medical_insurance'],
        },
      ],
      4,
      302,
    );
    property('团结社区', [deng[0]!]);
  });

  // A non-local resident: a resident card from another province and no household here.
  const heBirth = '1990-03-08';
  const heIdx = b.withStream(new Prng(`${seed}\u0000${BENEFIT_DEMO_STREAM}\u0000migrant`), () =>
    b.addResident({
      idNumber: b.idNumber('410102', heBirth, '男'),
      name: '何建华',
      sex: '男',
      nation: '汉',
      birth: heBirth,
      address: '河南省郑州市中原区建设路12号',
      areaCode: '410102',
      cardKind: 'resident',
      demonstrates:
        'non-local resident (Henan card, no household register here): residence permit PASS, local items FAIL',
    }),
  );
  grants.push({ index: heIdx, keys: ['social_security_card'] });

  // Proactive programmes (worklists): someone turning 80 soon, for the high-age allowance. Their
  // birth date follows the reference date, as 陈德福's does for 65; a stream of its own again.
  const turning80 = addDays(addYears(today, -80), 20);
  b.withStream(new Prng(`${seed}\u0000${BENEFIT_DEMO_STREAM}\u0000proactive`), () =>
    household(
      '幸福社区',
      21,
      [
        {
          name: '吴寿山',
          sex: '男',
          birth: turning80,
          relation: '户主',
          demonstrates: `aged 79 on the reference date ${today}, turns 80 on ${addYears(turning80, 80)}: high-age allowance worklist; birth date follows the reference date`,
        },
      ],
      1,
      301,
    ),
  );
  w.benefitDemo = start;

  return {
    grantPersonal(world: World): void {
      const bit = new Map(PERSONAL_BITS);
      for (const g of grants) {
        world.personal.flags[g.index] = g.keys.reduce((f, k) => f | bit.get(k)!, 0);
        if (g.spouse !== undefined) world.personal.spouse[g.index] = g.spouse;
      }
    },
  };
}
