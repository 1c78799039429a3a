import { listNations, type DemoCardInput } from '../../../native/id-reader';

interface DemoResident {
  idNumber: string;
  name: string;
  nameEn?: string;
  sex: string;
  nation?: string;
  birth: string;
  address?: string;
  cardKind?: DemoCardInput['kind'];
  demonstrates?: string;
}

const SEX: Record<string, '1' | '2' | '0' | '9'> = { 男: '1', 女: '2', '1': '1', '2': '2' };

/** A validity window a real card would have: long-term from 46, else 20 or 10 years (GA 467 practice). */
function validity(birth: string, now: Date): { validFrom: string; validTo: string } {
  const age = now.getFullYear() - Number(birth.slice(0, 4));
  const from = `${now.getFullYear() - 2}-${birth.slice(5, 7)}-${birth.slice(8, 10) === '29' ? '28' : birth.slice(8, 10)}`;
  if (age >= 46) return { validFrom: from, validTo: 'long-term' };
  const years = age >= 26 ? 20 : 10;
  return { validFrom: from, validTo: `${Number(from.slice(0, 4)) + years}${from.slice(4)}` };
}

/** The sandbox's demo residents as cards the simulated reader can hold, so card and registry agree. */
export function demoResidentsToCards(residents: unknown[], now = new Date()): DemoCardInput[] {
  const nations = new Map(listNations().map((n) => [n.label, n.code]));
  return (residents as DemoResident[]).map((r, i) => {
    const kind = r.cardKind ?? 'resident';
    const card: DemoCardInput = {
      id: `demo-${i + 1}`,
      label: `${r.name}：${r.demonstrates ?? ''}`.slice(0, 120),
      kind,
      name: r.name,
      sex: SEX[r.sex] ?? '9',
      birth: r.birth,
      number: r.idNumber,
      ...validity(r.birth, now),
    };
    if (kind === 'resident' || kind === 'hmt_permit') {
      card.address = r.address;
      card.authority = '示范市公安局青山分局';
    }
    if (kind === 'resident') card.nation = nations.get(r.nation ?? '汉') ?? nations.get(`${r.nation}族`) ?? '01';
    if (kind === 'foreign_2023') card.nameEn = r.nameEn ?? 'SMITH, JOHN';
    return card;
  });
}
