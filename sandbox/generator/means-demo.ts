import type { WorldBuilder } from './builder';
import { addDemoHousehold, type DemoPerson } from './demo-household';
import { addressIn } from './places';
import { Prng } from './prng';
import type { EconProfile, SourceKey } from '../econ/types';

/** The label that keeps this stream apart from every earlier one. */
export const MEANS_DEMO_STREAM = 'means-demo-v1';

interface Person extends DemoPerson {
  econ?: Partial<EconProfile>;
}

const none = (): EconProfile => ({ taxMonthly: 0, vehicles: [], roles: [], depositBand: 0 });

/**
 * Households for the means test (低保 household check): one that passes, one that fails on each
 * rule (car, company role, homes × floor space, income per person), one whose deposit record
 * fails verification. Added last, from a stream of their own, so everything before is unchanged.
 * The sources' answers about them are in world.means (sandbox/econ serves them).
 */
export function addMeansDemoHouseholds(b: WorldBuilder, seed: string): void {
  const w = b.world;
  const means = (w.means ??= new Map());
  const household = (placeName: string, houseNo: number, people: Person[], homes: number[] = []): number[] => {
    const { place, address, idxs } = addDemoHousehold(b, w.places, placeName, houseNo, people, 2, 201);
    people.forEach((p, k) => means.set(idxs[k]!, { ...none(), ...p.econ }));
    homes.forEach((area, k) => {
      const at = k === 0 ? address : addressIn(place, houseNo + 10 + k, 1, 101);
      const prop = b.addProperty('real_estate', place, at, [idxs[0]!]);
      w.properties[prop]!.area = area.toFixed(2);
    });
    return idxs;
  };
  const tampered = (k: SourceKey[]): Partial<EconProfile> => ({ tampered: k });

  b.withStream(new Prng(`${seed}\u0000${MEANS_DEMO_STREAM}`), () => {
    household(
      '幸福社区',
      21,
      [
        {
          name: '孙卫东',
          sex: '男',
          birth: '1980-04-12',
          relation: '户主',
          demonstrates:
            'means test PASS: 4-member household, income 450/person/month, one 68 m² flat, a disability car (exempt); 大病救助 with a hospital bill',
          econ: {
            taxMonthly: 1500,
            contributionBase: 1500,
            vehicles: [
              { plate: '示A3K218', type: '残疾人专用小型自动挡载客汽车', use: '非营运', registered: '2019-06-18' },
            ],
            hospital: {
              hospital: '示范市第一人民医院',
              diagnosis: '急性心肌梗死（I21.9）',
              admitted: '2026-10-08',
              discharged: '2026-10-27',
              total: 86_420,
              insurancePaid: 51_300,
            },
          },
        },
        {
          name: '李秀梅',
          sex: '女',
          birth: '1982-09-03',
          relation: '妻',
          demonstrates: 'means test PASS household (孙卫东): housing fund sealed after leaving work, one withdrawal',
          econ: {
            housingFund: {
              account: 'GJJ20150311',
              status: '封存',
              base: 0,
              withdrawals: [{ ago: 3, amount: 6000, reason: '离职提取' }],
            },
            depositBand: 1,
          },
        },
        {
          name: '孙浩',
          sex: '男',
          birth: '2012-05-20',
          relation: '子',
          demonstrates: 'means test PASS household (孙卫东): a minor, no consent of his own',
        },
        {
          name: '张桂芝',
          sex: '女',
          birth: '1948-01-15',
          relation: '母',
          demonstrates:
            'means test PASS household (孙卫东): 78, without capacity (her son signs as guardian), pension 300',
          extra: {
            pension: { scheme: '城乡居民基本养老保险', monthlyAmount: '300', since: '2008-01-15', status: '正常领取' },
          },
        },
      ],
      [68],
    );

    household(
      '光明社区',
      22,
      [
        {
          name: '周建国',
          sex: '男',
          birth: '1975-03-09',
          relation: '户主',
          demonstrates: 'means test FAIL on the car rule: a family car (小型轿车, 非营运)',
          econ: {
            taxMonthly: 1000,
            vehicles: [{ plate: '示B7Q902', type: '小型轿车', use: '非营运', registered: '2021-11-02' }],
          },
        },
        {
          name: '吴丽',
          sex: '女',
          birth: '1977-12-21',
          relation: '妻',
          demonstrates: 'means test FAIL household (周建国, car)',
        },
      ],
      [72],
    );

    household(
      '团结社区',
      23,
      [
        {
          name: '郑海涛',
          sex: '男',
          birth: '1985-07-30',
          relation: '户主',
          demonstrates: "means test FAIL on the company rule: a trading company's legal representative",
          econ: {
            roles: [
              {
                company: '示范市海涛商贸有限公司',
                creditCode: '91110900MA01HT2X7K',
                role: '法定代表人',
                status: '存续',
              },
            ],
          },
        },
        {
          name: '郑秀英',
          sex: '女',
          birth: '1958-02-14',
          relation: '母',
          demonstrates: 'means test FAIL household (郑海涛, company role)',
          extra: {
            pension: { scheme: '城镇职工基本养老保险', monthlyAmount: '600', since: '2013-02-14', status: '正常领取' },
          },
        },
      ],
      [58],
    );

    household(
      '文化社区',
      24,
      [
        {
          name: '冯志强',
          sex: '男',
          birth: '1970-10-05',
          relation: '户主',
          demonstrates: 'means test FAIL on the homes rule: two flats (88 + 62 m²), 75 m² per person',
          econ: { taxMonthly: 1200 },
        },
        {
          name: '陈红',
          sex: '女',
          birth: '1972-06-17',
          relation: '妻',
          demonstrates: 'means test FAIL household (冯志强, homes)',
        },
      ],
      [88, 62],
    );

    household(
      '新华社区',
      25,
      [
        {
          name: '何立新',
          sex: '男',
          birth: '1979-01-26',
          relation: '户主',
          demonstrates: 'means test FAIL on income: wages 5,200 a month (6,000 last month), 3 people',
          econ: {
            taxMonthly: 5200,
            taxByMonth: { 1: 6000 },
            contributionBase: 5200,
            housingFund: { account: 'GJJ20090601', status: '正常缴存', base: 5200 },
          },
        },
        {
          name: '黄娟',
          sex: '女',
          birth: '1981-04-08',
          relation: '妻',
          demonstrates: 'means test FAIL household (何立新, income)',
        },
        {
          name: '何乐',
          sex: '女',
          birth: '2015-09-09',
          relation: '女',
          demonstrates: 'means test FAIL household (何立新): a minor',
        },
      ],
      [64],
    );

    household(
      '建设社区',
      26,
      [
        {
          name: '曹明',
          sex: '男',
          birth: '1968-08-19',
          relation: '户主',
          demonstrates: 'means test UNKNOWN: the bank deposit record fails verification (需人工复核)',
          econ: { taxMonthly: 800, ...tampered(['deposit']) },
        },
      ],
      [45],
    );
  });
}
