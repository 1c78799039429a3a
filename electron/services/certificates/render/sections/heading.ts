import type { Bilingual } from '../../template-schema';
import { COLORS, ensureSpace, type Area, type RenderContext } from '../context';
import { cellHeight, drawRuns, type Run } from '../text';

/** Section heading: accent-coloured Chinese, muted English, a rule underneath. Kept with what follows. */
export function drawHeading(ctx: RenderContext, area: Area, heading: Bilingual | undefined, keepWith = 0): void {
  if (!heading) {
    if (keepWith > 0) ensureSpace(ctx, area, keepWith);
    return;
  }
  const size = ctx.t.fontSizePt * 1.1;
  const runs: Run[] = [
    { text: heading.en ? `${heading.zh}  ${heading.en}` : heading.zh, size, bold: true, color: ctx.t.accentColor },
  ];
  const h = cellHeight(ctx, runs, area.w) + 4;
  const y = ensureSpace(ctx, area, h + 2 + keepWith);
  drawRuns(ctx, runs, area.x, y, area.w);
  ctx.doc
    .moveTo(area.x, y + h - 2)
    .lineTo(area.x + area.w, y + h - 2)
    .lineWidth(0.8)
    .strokeColor(ctx.t.accentColor)
    .stroke();
  area.y = y + h + 2;
  if (area.flow) ctx.y = area.y;
}

/** A paragraph block: measure, keep together, draw; returns the bottom. */
export function drawBlock(ctx: RenderContext, area: Area, runs: Run[]): number {
  const h = cellHeight(ctx, runs, area.w);
  if (h === 0) return area.y;
  const y = ensureSpace(ctx, area, h);
  drawRuns(ctx, runs, area.x, y, area.w, area.h);
  const bottom = y + (area.h === undefined ? h : Math.min(h, area.h));
  if (area.flow) ctx.y = bottom;
  return bottom;
}

export function muted(text: string, size: number): Run {
  return { text, size, color: COLORS.muted };
}
