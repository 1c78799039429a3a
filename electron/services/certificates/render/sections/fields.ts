import type { Bilingual, ValueRef } from '../../template-schema';
import type { Fact, FactTable } from '../../types';
import { COLORS, ensureSpace, type Area, type RenderContext } from '../context';
import { drawTable } from '../table';
import { cellHeight, drawRuns, labelRuns, type Run } from '../text';
import { mm } from '../units';
import { resolveValue } from '../values';
import { drawHeading } from './heading';
import { both } from '../../words';

interface FieldItem {
  label: Bilingual;
  value: ValueRef;
  optional?: boolean;
}

/** Label/value rows from the certificate data, e.g. the holder block or the card's face. */
export function drawFields(
  ctx: RenderContext,
  area: Area,
  s: { heading?: Bilingual; items: FieldItem[]; labelWidthMm?: number; fontSizePt?: number },
): number {
  const size = s.fontSizePt ?? ctx.t.fontSizePt;
  const rows: Run[][][] = [];
  for (const item of s.items) {
    const value = resolveValue(ctx, item.value);
    if (!value && item.optional) continue;
    rows.push([labelRuns(item.label.zh, item.label.en, size * 0.9), [{ text: value || '—', size }]]);
  }
  drawHeading(ctx, area, s.heading, size * 3);
  const labelW = mm(s.labelWidthMm ?? 38);
  return drawTable(ctx, area, {
    widths: [labelW, Math.max(area.w - labelW, 1)],
    rows,
    grid: false,
    pad: Math.min(3, size * 0.3),
  });
}

/** The ordered fact list; table-valued facts (members, owners) become their own sub-tables. */
export function drawFacts(ctx: RenderContext, area: Area, heading: Bilingual | undefined): number {
  const size = ctx.t.fontSizePt;
  drawHeading(ctx, area, heading, size * 3);
  let pending: Run[][][] = [];
  const labelW = mm(38);
  const flush = (): void => {
    if (pending.length === 0) return;
    area.y = drawTable(ctx, area, { widths: [labelW, area.w - labelW], rows: pending, grid: false });
    pending = [];
  };
  for (const fact of ctx.d.facts) {
    if (typeof fact.value === 'string') {
      pending.push([labelRuns(fact.label, fact.labelEn, size * 0.9), [{ text: fact.value || '—', size }]]);
      continue;
    }
    flush();
    area.y = drawSubTable(ctx, area, fact, fact.value, size);
  }
  flush();
  return area.y;
}

function drawSubTable(ctx: RenderContext, area: Area, fact: Fact, table: FactTable, size: number): number {
  const caption: Run[] = labelRuns(fact.label, fact.labelEn, size * 0.9);
  const header = table.columns.map((c) => labelRuns(c.label, c.labelEn, size * 0.85, true));
  const rows = table.rows.map((r) => table.columns.map((c) => [{ text: r[c.key] ?? '', size: size * 0.95 }] as Run[]));
  if (rows.length === 0)
    rows.push([
      [{ text: both(ctx.words.none, {}, ''), size, color: COLORS.muted }],
      ...table.columns.slice(1).map(() => [] as Run[]),
    ]);
  const sub: Area = { ...area, y: area.y + 4 };
  if (area.flow) ctx.y = sub.y;
  const captionH = cellHeight(ctx, caption, sub.w);
  // Keep the caption with the header and first rows rather than stranding it at a page foot.
  const y = ensureSpace(ctx, sub, captionH + size * 8);
  drawRuns(ctx, caption, sub.x, y, sub.w);
  sub.y = y + captionH + 3;
  if (area.flow) ctx.y = sub.y;
  return drawTable(ctx, sub, { widths: table.columns.map((c) => c.width ?? 1), header, rows, grid: true }) + 8;
}
