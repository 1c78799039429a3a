import { formatDateTime } from '../format';
import type { Bilingual } from '../../template-schema';
import { COLORS, type Area, type RenderContext } from '../context';
import type { Run } from '../text';
import { drawBlock, drawHeading } from './heading';
import { resolveValue } from '../values';
import { both, wordIn } from '../../words';
import type { ValueRef } from '../../template-schema';

export function drawTitle(
  ctx: RenderContext,
  area: Area,
  sizePt: number | undefined,
  subtitle: ValueRef | undefined,
): number {
  const size = sizePt ?? ctx.t.fontSizePt * 2;
  const runs: Run[] = [
    { text: ctx.t.title.zh, size, bold: true, align: 'center' },
    { text: ctx.t.title.en, size: Math.max(size * 0.45, 5), color: COLORS.muted, align: 'center' },
  ];
  const sub = subtitle ? resolveValue(ctx, subtitle) : undefined;
  if (sub) runs.push({ text: sub, size: Math.max(size * 0.45, 5), color: COLORS.muted, align: 'center' });
  return drawBlock(ctx, area, runs);
}

/** Reprint, supervisor override and training notices: things a reader must not miss. */
export function drawMarks(ctx: RenderContext, area: Area): number {
  const { d } = ctx;
  const size = ctx.t.fontSizePt;
  const notices: string[] = [];
  const w = ctx.words;
  if (d.training) notices.push(both(w.training));
  if (d.reprint) notices.push(both(w.reprint));
  const runs: Run[] = [];
  if (notices.length)
    runs.push({ text: notices.join('  ·  '), size, bold: true, color: COLORS.failed, align: 'center' });
  if (d.override) {
    runs.push({
      text: both(w.override, { by: d.override.by, reason: d.override.reason }, '  '),
      size: size * 0.9,
      color: COLORS.unknown,
      align: 'center',
    });
  }
  return drawBlock(ctx, area, runs);
}

export function drawNote(
  ctx: RenderContext,
  area: Area,
  heading: Bilingual | undefined,
  text: Bilingual,
  sizePt: number | undefined,
): number {
  drawHeading(ctx, area, heading, ctx.t.fontSizePt * 2);
  const size = sizePt ?? ctx.t.fontSizePt * 0.85;
  const runs: Run[] = [{ text: text.zh, size, color: COLORS.muted }];
  if (text.en) runs.push({ text: text.en, size: size * 0.9, color: COLORS.muted });
  return drawBlock(ctx, area, runs);
}

/** Shown only when cached registry data was used, so nobody takes old data for live data. */
export function drawDataAsOf(ctx: RenderContext, area: Area): number {
  if (!ctx.d.dataAsOf) return area.y;
  const when = formatDateTime(ctx.d.dataAsOf, ctx.timeZone);
  const size = ctx.t.fontSizePt * 0.95;
  return drawBlock(ctx, area, [
    { text: wordIn(ctx.words.dataAsOf, 'zh', { time: when }), size, bold: true, color: COLORS.unknown },
    { text: wordIn(ctx.words.dataAsOf, 'en', { time: when }), size: size * 0.85, color: COLORS.unknown },
  ]);
}

export function drawResult(ctx: RenderContext, area: Area, heading: Bilingual | undefined): number {
  const size = ctx.t.fontSizePt * 1.15;
  drawHeading(ctx, area, heading ?? ctx.words.resultHeading, size * 2);
  return drawBlock(ctx, area, [{ text: ctx.d.result, size, bold: true }]);
}
