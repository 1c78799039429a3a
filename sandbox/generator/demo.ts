import type { WorldBuilder } from './builder';
import { addDays, addYears } from './dates';
import { idCheckChar } from './id-number';
import { addressIn, placeByName } from './places';
import type { Resident, Sex } from './types';

export interface DemoResident extends Pick<
  Resident,
  'idNumber' | 'name' | 'sex' | 'nation' | 'birth' | 'address' | 'cardKind'
> {
  demonstrates: string;
}

interface Person {
  name: string;
  sex: Sex;
  birth: string;
  nation?: string;
  demonstrates?: string;
  extra?: Partial<Resident>;
}

/**
 * Named residents that exercise every service rule; they come first so they survive any --residents.
 * Fixed birth dates keep their ID numbers stable, except the two whose point is an age relative to
 * "today" (the reference date): those are recomputed from it.
 */
export function addDemoResidents(b: WorldBuilder): void {
  const places = b.world.places;
  const today = b.world.today;

  const household = (
    placeName: string,
    houseNo: number,
    people: Array<[Person, string]>,
    unit = 1,
    room = 101,
  ): number[] => {
    const place = placeByName(places, placeName);
    const address = addressIn(place, houseNo, unit, room);
    const idxs = people.map(([p]) =>
      b.addResident({
        idNumber: b.idNumber(place.districtCode, p.birth, p.sex),
        name: p.name,
        sex: p.sex,
        nation: p.nation ?? '汉',
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
      idxs.map((i, k) => [i, people[k]![1]]),
    );
    return idxs;
  };
  const property = (kind: 'homestead' | 'real_estate', placeName: string, owners: number[]): void => {
    const place = placeByName(places, placeName);
    b.addProperty(kind, place, b.world.residents[owners[0]!]!.address, owners);
  };

  // (a) PASS: program village, homestead at the registered address; the wife and son pass through the head's certificate.
  const zhang = household('东庄村', 18, [
    [
      {
        name: '张建国',
        sex: '男',
        birth: '1968-03-12',
        demonstrates: 'clean-energy PASS: registered in program village 东庄村, owns the homestead at that address',
      },
      '户主',
    ],
    [
      {
        name: '李秀英',
        sex: '女',
        birth: '1970-05-20',
        demonstrates: "clean-energy PASS through a household member: the homestead certificate is the head's (张建国)",
      },
      '配偶',
    ],
    [
      {
        name: '张子轩',
        sex: '男',
        birth: '2014-09-01',
        demonstrates: 'child under 18 in a household (household register lists him; the head is 张建国)',
      },
      '子',
    ],
  ]);
  property('homestead', '东庄村', [zhang[0]!]);

  // (a') PASS via a real-estate title in a program community; also an over-60 who holds a senior card.
  const guo = household(
    '白云社区',
    3,
    [
      [
        {
          name: '郭春梅',
          sex: '女',
          birth: '1960-08-08',
          demonstrates:
            'clean-energy PASS via a real-estate title in program community 白云社区; senior (>= 60) who already holds a senior card',
          extra: { seniorCard: { issued: '2020-08-10' } },
        },
        '户主',
      ],
    ],
    2,
    301,
  );
  property('real_estate', '白云社区', guo);

  // (b) FAIL: the village is not in the program, although the homestead is in order.
  const wang = household('北山村', 6, [
    [
      {
        name: '王志强',
        sex: '男',
        birth: '1975-11-02',
        demonstrates: 'clean-energy FAIL: 北山村 is not in the program (homestead certificate present)',
      },
      '户主',
    ],
  ]);
  property('homestead', '北山村', wang);

  // (c) FAIL: program village, but nobody in the household holds a certificate for the house.
  household('前峪村', 27, [
    [
      {
        name: '刘海',
        sex: '男',
        birth: '1982-07-15',
        demonstrates:
          'clean-energy FAIL: program village 前峪村 but no homestead or real-estate certificate at the address',
      },
      '户主',
    ],
    [
      {
        name: '马晓燕',
        sex: '女',
        birth: '1984-01-09',
        demonstrates: 'clean-energy FAIL (household member of 刘海, no property certificate)',
      },
      '配偶',
    ],
  ]);

  // (d) Age rules relative to the reference date.
  const turning65 = addDays(addYears(today, -65), 45);
  household(
    '幸福社区',
    12,
    [
      [
        {
          name: '陈德福',
          sex: '男',
          birth: turning65,
          demonstrates: `aged 64 on the reference date ${today}, turns 65 on ${addYears(turning65, 65)} (within ~2 months); birth date follows the reference date`,
        },
        '户主',
      ],
    ],
    3,
    502,
  );
  household(
    '光明社区',
    5,
    [
      [
        {
          name: '赵桂兰',
          sex: '女',
          birth: '1954-02-03',
          demonstrates: 'senior (>= 60) without a senior card: eligible for proactive senior-card issuing',
        },
        '户主',
      ],
    ],
    1,
    201,
  );

  // (e) Disability and low-income certificates.
  household(
    '湖畔社区',
    9,
    [
      [
        {
          name: '孙丽',
          sex: '女',
          birth: '1979-04-08',
          demonstrates: 'holds a disability certificate (肢体残疾 三级) and a low-income (低保) certificate',
          extra: {
            disability: { category: '肢体残疾', grade: '三级' },
            lowIncome: {
              monthlyAmount: '1320',
              validFrom: `${today.slice(0, 4)}-01-01`,
              validTo: `${today.slice(0, 4)}-12-31`,
            },
          },
        },
        '户主',
      ],
    ],
    4,
    602,
  );

  // (f) Licenses that must not verify.
  household(
    '团结社区',
    21,
    [
      [
        {
          name: '周强',
          sex: '男',
          birth: '1990-01-25',
          demonstrates:
            'resident-ID license with a broken signature (content altered after signing): must show as unverified',
          extra: { licenseFault: 'tampered' },
        },
        '户主',
      ],
    ],
    2,
    1102,
  );
  household(
    '建设社区',
    14,
    [
      [
        {
          name: '吴敏',
          sex: '女',
          birth: '1985-06-30',
          demonstrates:
            'resident-ID license signed by an issuer not in the trust list: must show as unverified (unknown issuer)',
          extra: { licenseFault: 'rogue-issuer' },
        },
        '户主',
      ],
    ],
    1,
    402,
  );

  // Permit holders: no household register; the card reader shows a different card kind.
  const hkBirth = '1988-10-10';
  const hkBody = `810000${hkBirth.replace(/-/g, '')}002`;
  b.addResident({
    idNumber: hkBody + idCheckChar(hkBody),
    name: '陈美玲',
    sex: '女',
    nation: '',
    birth: hkBirth,
    address: '香港特别行政区',
    areaCode: '810000',
    cardKind: 'hmt_permit',
    demonstrates: 'Hong Kong/Macao/Taiwan residence permit holder: no household register, no resident-ID license',
  });
  const fBirth = '1979-03-15';
  // 2023 foreign permanent resident ID: 9 + province of issue (11) + ISO 3166 numeric nationality (826) + birth + seq + check.
  const fBody = `911826${fBirth.replace(/-/g, '')}001`;
  b.addResident({
    idNumber: fBody + idCheckChar(fBody),
    name: '约翰·史密斯',
    sex: '男',
    nation: 'GBR',
    birth: fBirth,
    address: '',
    areaCode: '',
    cardKind: 'foreign_2023',
    demonstrates: 'foreign permanent resident (2023 card): no household register, no resident-ID license',
  });
}

/** The demo list as exported to resources/sandbox/demo-residents.json. */
export function demoResidents(residents: Resident[]): DemoResident[] {
  return residents
    .filter((r) => r.demonstrates)
    .map((r) => ({
      idNumber: r.idNumber,
      name: r.name,
      sex: r.sex,
      nation: r.nation,
      birth: r.birth,
      address: r.address,
      cardKind: r.cardKind,
      demonstrates: r.demonstrates!,
    }));
}
