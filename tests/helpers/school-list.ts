import type { Resident, World } from '../../sandbox/generator/types';

/**
 * A small school-enrolment list from the sandbox's deterministic world, for the screen's tests:
 * children of its households with the parents their register names, then one family with a
 * stranger named as the father (fails "father on the child's register"), one with the father's
 * number typed wrong (bad input, the father's number), and one with no mother named (the mother's
 * conditions cannot be checked). `header` puts the columns in the order given.
 */
export interface SchoolList {
  csv: string;
  /** Line numbers (as the batch numbers them, header = 0) of each kind of family. */
  lines: { real: number[]; stranger: number; malformedFather: number; noMother: number };
  families: Array<{ child: Resident; father: Resident; mother: Resident }>;
  stranger: Resident;
}

const ageOn = (birth: string, day: string) =>
  Number(day.slice(0, 4)) - Number(birth.slice(0, 4)) - (day.slice(5) < birth.slice(5) ? 1 : 0);

export function schoolList(world: World, today: string, opts: { real?: number; header?: string[] } = {}): SchoolList {
  const { residents, households } = world;
  const plain = (p: Resident) => p.cardKind === 'resident' && !p.licenseFault && !p.demonstrates;
  const parentsOf = (c: Resident) => {
    const ps = households[c.household]!.members.map((m) => residents[m]!);
    const heads = ps.filter((m) => plain(m) && (m.relation === '户主' || m.relation === '配偶'));
    return { father: heads.find((m) => m.sex === '男'), mother: heads.find((m) => m.sex === '女') };
  };
  // School-age children first (6–7), so the real families can pass; any child after them.
  const kids = residents
    .filter((p) => plain(p) && p.household >= 0 && (p.relation === '子' || p.relation === '女'))
    .map((child) => ({ child, ...parentsOf(child) }))
    .filter((f): f is { child: Resident; father: Resident; mother: Resident } => !!f.father && !!f.mother)
    .sort((a, b) => Number(!inAge(a.child)) - Number(!inAge(b.child)));
  function inAge(c: Resident) {
    const a = ageOn(c.birth, today);
    return a >= 6 && a <= 7;
  }
  const n = opts.real ?? 3;
  if (kids.length < n + 3) throw new Error(`the world has only ${kids.length} children with both parents`);
  const families = kids.slice(0, n + 3);
  const used = new Set(families.flatMap((f) => [f.child, f.father, f.mother].map((p) => p.household)));
  const stranger = residents.find(
    (p) => plain(p) && p.sex === '男' && ageOn(p.birth, today) >= 25 && !used.has(p.household),
  )!;
  const header = opts.header ?? ['序号', '儿童姓名', '儿童身份证号码', '父亲身份证号码', '母亲身份证号码'];
  const rows: string[][] = [];
  const add = (child: Resident, father: string, mother: string) =>
    rows.push([String(rows.length + 1), child.name, child.idNumber, father, mother]);
  const real = (f: (typeof families)[number]) => add(f.child, f.father.idNumber, f.mother.idNumber);
  // Two real families, then the three odd ones (all within the preview's first lines), then the rest.
  const first = Math.min(2, n);
  const [s, m, o] = families.slice(first, first + 3);
  families.slice(0, first).forEach(real);
  add(s!.child, stranger.idNumber, s!.mother.idNumber);
  const id = m!.father.idNumber;
  add(m!.child, id.slice(0, 17) + (id.endsWith('0') ? '1' : '0'), m!.mother.idNumber);
  add(o!.child, o!.father.idNumber, '');
  families.slice(first + 3).forEach(real);
  return {
    csv: [header, ...rows].map((r) => r.join(',')).join('\n') + '\n',
    lines: {
      real: rows.map((_, i) => i + 1).filter((l) => l <= first || l > first + 3),
      stranger: first + 1,
      malformedFather: first + 2,
      noMother: first + 3,
    },
    families,
    stranger,
  };
}
