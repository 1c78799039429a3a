import { buildCatalog, deriveItem, loadCatalog, type Catalog, type ItemData } from '../../../electron/services/catalog';
import { Prng } from '../../../sandbox/generator/prng';

// Words a hall's item list is made of; names are drawn from them so pinyin-pro has real text to convert.
const WHO = [
  '残疾人',
  '老年人',
  '低保家庭',
  '城乡居民',
  '困难学生',
  '退役军人',
  '农村居民',
  '城镇职工',
  '失业人员',
  '新生儿',
  '高龄老人',
  '特困人员',
  '孤儿',
  '流动人口',
  '独生子女家庭',
];
const WHAT = [
  '护理补贴',
  '生活补贴',
  '医疗救助',
  '临时救助',
  '参保登记',
  '待遇申领',
  '资格认证',
  '证明开具',
  '信息变更',
  '注销登记',
  '补办',
  '年度复核',
  '康复救助',
  '就业援助',
  '住房保障',
  '教育资助',
  '取暖补贴',
  '助餐服务',
  '养老服务补贴',
  '信息核验',
];
const HOW = ['', '（首次）', '（变更）', '（续办）', '（跨区）'];

/**
 * A catalog of `n` items for benchmarks: the shipped items' rules, evidence and forms under
 * generated Chinese names, departments and keywords, from a seeded PRNG (the seed is returned).
 */
export function generatedCatalog(
  n: number,
  seed = process.env.TEST_SEED ?? 'catalog-1500',
): { catalog: Catalog; seed: string } {
  const base = loadCatalog().items;
  const rng = new Prng(seed);
  const items = [];
  for (let i = 0; i < n; i++) {
    const model = base[i % base.length]!;
    const zh = `${rng.pick(WHO)}${rng.pick(WHAT)}${rng.pick(HOW)}`;
    const data: ItemData = {
      ...model,
      code: `gen-${i}`,
      itemCode: `110900-GEN-${String(i).padStart(5, '0')}`,
      names: { zh: `${zh}${i}`, en: `Generated item ${i}` },
      shortNames: { zh: zh.slice(0, 4), en: `Item ${i}` },
      keywords: [rng.pick(WHO), rng.pick(WHAT)],
    };
    items.push(deriveItem(data));
  }
  return { catalog: buildCatalog(items, [], [...loadCatalog().departments.values()]), seed };
}
