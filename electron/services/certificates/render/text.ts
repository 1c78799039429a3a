import type { RenderContext } from './context';
import { COLORS } from './context';
import { fontAscent } from './font';

/** One line-group of styled text; a cell is a vertical stack of runs. */
export interface Run {
  text: string;
  size: number;
  color?: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Secondary text (the English label) set after the main text on the same line when it fits. */
  suffix?: { text: string; size: number; color?: string };
}

const GAP = 1.5;

function style(ctx: RenderContext, r: Run): PDFKit.Mixins.TextOptions {
  ctx.doc.fontSize(r.size);
  return { lineGap: r.size * 0.15, align: r.align ?? 'left' };
}

const SUFFIX_GAP = 4;

function mainHeight(ctx: RenderContext, r: Run, width: number): number {
  return ctx.doc.heightOfString(r.text, { ...style(ctx, r), width });
}

/** The suffix fits inline when main text and suffix share one line. */
function suffixInline(ctx: RenderContext, r: Run, width: number): boolean {
  if (!r.suffix) return false;
  const { doc } = ctx;
  const main = doc.fontSize(r.size).widthOfString(r.text);
  const suffix = doc.fontSize(r.suffix.size).widthOfString(r.suffix.text);
  return main + SUFFIX_GAP + suffix <= width;
}

export function runHeight(ctx: RenderContext, r: Run, width: number): number {
  if (!r.text) return 0;
  const h = mainHeight(ctx, r, width);
  if (!r.suffix || suffixInline(ctx, r, width)) return h;
  return h + GAP + ctx.doc.heightOfString(r.suffix.text, { ...style(ctx, { ...r.suffix }), width });
}

export function cellHeight(ctx: RenderContext, runs: readonly Run[], width: number): number {
  const parts = runs.filter((r) => r.text).map((r) => runHeight(ctx, r, width));
  return parts.reduce((a, b) => a + b, 0) + GAP * Math.max(0, parts.length - 1);
}

/**
 * Draws runs top-down. `maxHeight` clips (with an ellipsis) for fixed boxes such as card fields,
 * which must never push text onto a new page.
 */
export function drawRuns(
  ctx: RenderContext,
  runs: readonly Run[],
  x: number,
  y: number,
  width: number,
  maxHeight?: number,
): number {
  const { doc } = ctx;
  let cursor = y;
  for (const r of runs) {
    if (!r.text) continue;
    const left = maxHeight === undefined ? undefined : y + maxHeight - cursor;
    if (left !== undefined && left < r.size) break;
    const opts: PDFKit.Mixins.TextOptions = {
      ...style(ctx, r),
      width,
      height: left,
      ellipsis: left === undefined ? undefined : '…',
    };
    doc.fillColor(r.color ?? COLORS.text);
    if (r.bold) {
      // The font has no bold face; a thin outline in the fill colour reads as semi-bold on paper.
      doc
        .save()
        .lineWidth(r.size * 0.035)
        .strokeColor(r.color ?? COLORS.text);
      doc.text(r.text, x, cursor, { ...opts, fill: true, stroke: true });
      doc.restore();
    } else {
      doc.text(r.text, x, cursor, opts);
    }
    cursor = doc.y + GAP;
    if (r.suffix) cursor = drawSuffix(ctx, r, x, cursor - GAP, width, doc.y) + GAP;
  }
  return cursor - y - (cursor > y ? GAP : 0);
}

function drawSuffix(ctx: RenderContext, r: Run, x: number, mainBottom: number, width: number, y: number): number {
  const { doc } = ctx;
  const s = r.suffix as NonNullable<Run['suffix']>;
  if (suffixInline(ctx, r, width)) {
    const mainW = doc.fontSize(r.size).widthOfString(r.text);
    const top = mainBottom - mainHeight(ctx, r, width);
    // Align baselines: the smaller text starts lower by the difference in ascent.
    const drop = (r.size - s.size) * fontAscent();
    doc.fontSize(s.size).fillColor(s.color ?? COLORS.text);
    doc.text(s.text, x + mainW + SUFFIX_GAP, top + drop, {
      width: width - mainW - SUFFIX_GAP,
      lineBreak: false,
      height: s.size * 2,
    });
    return mainBottom;
  }
  doc.fontSize(s.size).fillColor(s.color ?? COLORS.text);
  doc.text(s.text, x, y + GAP, { width, lineGap: s.size * 0.15 });
  return doc.y;
}

/** A bilingual label: Chinese, then English smaller and muted (inline when there is room). */
export function labelRuns(zh: string, en: string | undefined, size: number, bold = false): Run[] {
  return [{ text: zh, size, bold, suffix: en ? { text: en, size: size * 0.8, color: COLORS.muted } : undefined }];
}
