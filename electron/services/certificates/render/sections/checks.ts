import type { Bilingual } from '../../template-schema';
import type { CertificateCheck } from '../../types';
import { COLORS, type Area, type RenderContext } from '../context';
import { formatLooseDate } from '../format';
import { drawTable } from '../table';
import { labelRuns, type Run } from '../text';
import { drawHeading } from './heading';
import { both } from '../../words';

const COLOR: Record<CertificateCheck['result'], string> = {
  passed: COLORS.passed,
  failed: COLORS.failed,
  unknown: COLORS.unknown,
};

/** Each check with its result and the license it rests on (type, number, issuer, data time). */
export function drawChecks(ctx: RenderContext, area: Area, heading: Bilingual | undefined): number {
  const size = ctx.t.fontSizePt;
  const small = size * 0.85;
  const w = ctx.words;
  const h = w.checksHeader;
  const header = [h.no, h.check, h.result, h.source].map((x) => labelRuns(x.zh, x.en, small, true));
  const rows = ctx.d.checks.map((c, i): Run[][] => {
    const r = { ...w.result[c.result], color: COLOR[c.result] };
    const source: Run[] = c.source
      ? [
          { text: c.source.typeName, size: small, bold: true },
          { text: `${both(w.sourceNumber)} ${c.source.number}`, size: small * 0.95 },
          { text: `${both(w.sourceIssuer)} ${c.source.issuer}`, size: small * 0.95 },
          ...(c.source.asOf
            ? [
                {
                  text: `${both(w.sourceAsOf)} ${formatLooseDate(c.source.asOf, ctx.timeZone)}`,
                  size: small * 0.9,
                  color: COLORS.muted,
                },
              ]
            : []),
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
  if (rows.length === 0) rows.push([[], [{ text: both(w.noChecks, {}, ''), size, color: COLORS.muted }], [], []]);
  return drawTable(ctx, area, { widths: [0.75, 4.1, 1.25, 3.9], header, rows, grid: true });
}
