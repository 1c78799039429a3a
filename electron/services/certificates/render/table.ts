import { COLORS, ensureSpace, type Area, type RenderContext } from './context';
import { cellHeight, drawRuns, type Run } from './text';

export interface TableSpec {
  /** Relative column widths. */
  widths: number[];
  header?: Run[][];
  rows: Run[][][];
  /** Grid lines between every cell, or only rules under rows (key/value lists). */
  grid: boolean;
  /** Cell padding in points; default 3. */
  pad?: number;
}

/**
 * Draws a table at the flow cursor, breaking pages between rows and repeating the header,
 * so long member lists continue cleanly. In a fixed box rows past the box are dropped.
 */
export function drawTable(ctx: RenderContext, area: Area, spec: TableSpec): number {
  const { doc } = ctx;
  const PAD = spec.pad ?? 3;
  const total = spec.widths.reduce((a, b) => a + b, 0);
  const widths = spec.widths.map((w) => (w / total) * area.w);
  const xs = widths.map((_, i) => area.x + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const inner = (i: number): number => (widths[i] as number) - 2 * PAD;
  const rowHeight = (cells: Run[][]): number =>
    Math.max(...cells.map((c, i) => cellHeight(ctx, c, inner(i)))) + 2 * PAD;
  const maxRow = ctx.frame.bottom - ctx.frame.top - 40;
  const start = area.y;
  let y = area.y;

  const line = (x1: number, y1: number, x2: number, y2: number): void => {
    doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  };
  const drawRow = (cells: Run[][], h: number, shaded: boolean): void => {
    if (shaded) doc.rect(area.x, y, area.w, h).fillColor(COLORS.fill).fill();
    cells.forEach((c, i) => drawRuns(ctx, c, (xs[i] as number) + PAD, y + PAD, inner(i), h - 2 * PAD));
    if (spec.grid) {
      for (let i = 0; i <= widths.length; i++) {
        const x = i === widths.length ? area.x + area.w : (xs[i] as number);
        line(x, y, x, y + h);
      }
      line(area.x, y, area.x + area.w, y);
    }
    line(area.x, y + h, area.x + area.w, y + h);
    y += h;
  };
  const header = (): void => {
    if (!spec.header) return;
    drawRow(spec.header, rowHeight(spec.header), true);
  };

  const headerH = spec.header ? rowHeight(spec.header) : 0;
  const firstH = spec.rows[0] ? Math.min(rowHeight(spec.rows[0]), maxRow) : 0;
  if (area.flow) {
    ctx.y = y;
    y = ensureSpace(ctx, area, headerH + firstH);
  }
  header();
  for (const cells of spec.rows) {
    const h = Math.min(rowHeight(cells), maxRow);
    if (area.flow && y + h > ctx.frame.bottom) {
      doc.addPage();
      y = ctx.frame.top;
      header();
    } else if (!area.flow && area.h !== undefined && y + h > start + area.h) {
      break;
    }
    drawRow(cells, h, false);
  }
  if (area.flow) ctx.y = y;
  return y;
}
