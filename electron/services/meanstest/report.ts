import { maskIdNumber } from '../../../protocol/id-mask';
import type { CertificateData, Fact } from '../certificates';
import type { MeansConfig } from './config';
import { summarise } from './summary';
import { CONCLUSION_WORDS, type CheckRun, type ConsentState, type Finding } from './types';

export const REPORT_TEMPLATE = 'meanstest-report';

const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
/** Query time as the hall's clock shows it; the whole run is one day, printed in the footer. */
const time = (iso: string): string => clock.format(new Date(iso));
const money = (n: number | null): string => (n === null ? '— (未能计算)' : `${n.toFixed(2)} 元`);
const area = (n: number | null): string => (n === null ? '— (未能计算)' : `${n.toFixed(2)} m²`);

/** 核对报告 serial: MT + run + the case number's letters and digits, within the certificate's 40. */
export const reportSerial = (run: Pick<CheckRun, 'caseId' | 'runNo'>): string =>
  `MT${run.runNo}-${run.caseId.replace(/[^A-Za-z0-9-]/g, '')}`.slice(0, 40);

function groupBySource(list: Finding[]): Array<[string, Finding[]]> {
  const m = new Map<string, Finding[]>();
  for (const f of list) m.set(f.source, [...(m.get(f.source) ?? []), f]);
  return [...m];
}

/** The queries' times (the same second when all answered together) and the data date. */
function span(list: Finding[]): string {
  const times = list.map((x) => x.queriedAt).sort();
  const a = time(times[0]!);
  const b = time(times[times.length - 1]!);
  const asOf = [...new Set(list.map((x) => x.asOf ?? '—'))].join('、');
  return `${a === b ? a : `${a}–${b}`} / ${asOf}`;
}

const CONSENT_WORDS = { signed: '屏幕签名', paper: '纸质授权（扫描）', refused: '拒绝' } as const;

/**
 * The check report as certificate data, so it is rendered, signed (QR with the hall key) and
 * verified exactly like a certificate: same font embedding, same masking, same offline check.
 */
export function reportData(
  cfg: MeansConfig,
  run: CheckRun,
  consents: ReadonlyMap<string, ConsentState>,
  ctx: {
    applicant: { name: string; idNumber: string };
    hall: { id: string; name: string };
    counter: string;
    clerk: { id: string; name: string };
    training: boolean;
  },
): CertificateData {
  const src = (k: string) => cfg.sources.find((s) => s.key === k);
  const nameOf = (id: string) => run.members.find((m) => m.idNumber === id)?.name ?? '';
  const f = run.figures;
  const facts: Fact[] = [
    { key: 'household', label: '户号', labelEn: 'Household number', value: run.household.number || '—' },
    { label: '户籍地址', labelEn: 'Registered address', value: run.household.address || '—' },
    {
      label: '核对地区与标准',
      labelEn: 'Area and standard',
      value: `${run.area.name.zh}：低保标准 ${f.incomeStandard} 元/人·月；核对期间 ${f.months[f.months.length - 1]} 至 ${f.months[0]}（${f.windowMonths} 个月）`,
    },
    {
      label: '共同生活家庭成员',
      labelEn: 'Members',
      value: {
        columns: [
          { key: 'name', label: '姓名', width: 1 },
          { key: 'id', label: '公民身份号码', width: 2 },
          { key: 'relation', label: '关系', width: 0.8 },
          { key: 'age', label: '年龄', width: 0.6 },
          { key: 'consent', label: '授权', width: 1.6 },
        ],
        rows: run.members.map((m) => {
          const c = consents.get(m.idNumber);
          return {
            name: m.name,
            id: maskIdNumber(m.idNumber),
            relation: m.relation,
            age: String(m.age),
            consent: !m.adult
              ? '未成年'
              : c
                ? `${CONSENT_WORDS[c.kind]}${c.guardian ? `（监护人${c.guardian.name}）` : ''}`
                : '—',
          };
        }),
      },
    },
    {
      label: '查询的数据来源与结果',
      labelEn: 'Sources queried and what they said',
      // One row per source (all members were asked at once), each member's answer on its own line.
      value: {
        columns: [
          { key: 'source', label: '来源（查询时间 / 数据日期）', width: 1.5 },
          { key: 'found', label: '各成员查询结果（记录编号）', width: 4 },
        ],
        rows: groupBySource([...run.findings, ...run.applicantExtra]).map(([key, list]) => ({
          source: `${src(key)?.issuerZh ?? cfg.medicalBill.nameZh}（${span(list)}）`,
          found: list
            .map(
              (x) =>
                `${nameOf(x.member)}：${(x.summary ?? summarise(cfg, x)).zh}${x.license ? `（${x.license.number}）` : ''}`,
            )
            .join('\n'),
        })),
      },
    },
    {
      key: 'income',
      label: '家庭月人均收入',
      labelEn: 'Income per person per month',
      value: `${money(f.incomePerPersonMonth)}（标准 ${f.incomeStandard.toFixed(2)} 元；期间收入合计 ${money(f.incomeTotal)}）`,
    },
    {
      key: 'floor',
      label: '人均住房建筑面积',
      labelEn: 'Floor space per person',
      value: `${area(f.floorSpacePerPerson)}（住房 ${f.homes ?? '—'} 套，合计 ${area(f.floorSpace)}；认定线 ${f.floorSpaceLimitPerPerson.toFixed(2)} m²）`,
    },
    {
      label: '未能取得的数据来源',
      labelEn: 'Sources missing',
      value: run.missing.length ? run.missing.map((k) => src(k)?.issuerZh ?? k).join('、') : '无',
    },
  ];
  return {
    serial: reportSerial(run),
    itemCode: run.itemCode,
    holder: {
      name: ctx.applicant.name,
      idNumberMasked: maskIdNumber(ctx.applicant.idNumber),
      address: run.household.address,
    },
    facts,
    checks: run.rules.map((r) => {
      const first = r.sources.find((s) => s.identifier);
      const typeName = src(first?.source ?? '')?.nameZh ?? cfg.medicalBill.nameZh;
      return {
        id: r.id,
        label: r.label.zh,
        result: r.result,
        sentence: r.sentence.zh,
        ...(first?.identifier
          ? { source: { typeName, number: first.identifier, issuer: first.issuer ?? '', asOf: run.at } }
          : {}),
      };
    }),
    result: `核对结论：${CONCLUSION_WORDS[run.conclusion].zh}`,
    hall: ctx.hall,
    counter: ctx.counter,
    clerk: ctx.clerk,
    issuedAt: run.at,
    training: ctx.training,
  };
}
