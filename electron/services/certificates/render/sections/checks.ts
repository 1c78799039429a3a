import type { Bilingual } from '../../template-schema';
import type { CertificateCheck } from '../../types';
import { COLORS, type Area, type RenderContext } from '../context';
import { formatLooseDate } from '../format';
import { drawTable } from '../table';
import { labelRuns, type Run } from '../text';
import { drawHeading } from './heading';

const RESULT: Record<CertificateCheck['result'], { zh: string; en: string; color: string }> = {
  passed: { zh: '符合', en: 'Passed', color: COLORS.passed },
  failed: { zh: '不符合', en: 'Failed', color: COLORS.failed },
  unknown: { zh: '无法核验', en: 'Unknown', color: COLORS.unknown },
};

/** Each check with its result and the license it rests on (type, number, issuer, data time). */
export function drawChecks(ctx: RenderContext, area: Area, heading: Bilingual | undefined): number {
  const size = ctx.t.fontSizePt;
  const small = size * 0.85;
  const header = [
    labelRuns('序号', 'No.', small, true),
    labelRuns('核验事项', 'Check', small, true),
    labelRuns('结果', 'Result', small, true),
    labelRuns('依据证照', 'Source license', small, true),
  ];
  const rows = ctx.d.checks.map((c, i): Run[][] => {
    const r = RESULT[c.result];
    const source: Run[] = c.source
      ? [
          { text: c.source.typeName, size: small, bold: true },
          { text: `编号 No. ${c.source.number}`, size: small * 0.95 },
          { text: `发证机关 Issuer: ${c.source.issuer}`, size: small * 0.95 },
          ...(c.source.asOf ? [{ text: `数据时间 As of: ${formatLooseDate(c.source.asOf, ctx.timeZone)}`, size: small * 0.9, color: COLORS.muted }] : []),
        ]
      : [{ text: '—', size: small, color: COLORS.muted }];
    return [
      [{ text: String(i + 1), size: small, align: 'center' }],
      [
        { text: c.label, size, bold: true },
        { text: c.sentence, size: small, color: COLORS.muted },
      ],
      [
        { text: r.zh, size, bold: true, color: r.color },
        { text: r.en, size: small, color: r.color },
      ],
      source,
    ];
  });
  drawHeading(ctx, area, heading, size * 6);
  if (rows.length === 0) rows.push([[], [{ text: '（无核验项）No checks', size, color: COLORS.muted }], [], []]);
  return drawTable(ctx, area, { widths: [0.75, 4.1, 1.25, 3.9], header, rows, grid: true });
}
