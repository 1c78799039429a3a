import { formatDateTime } from '../format';
import type { Bilingual } from '../../template-schema';
import { COLORS, type Area, type RenderContext } from '../context';
import type { Run } from '../text';
import { drawBlock, drawHeading } from './heading';
import { resolveValue } from '../values';
import type { ValueRef } from '../../template-schema';

export function drawTitle(ctx: RenderContext, area: Area, sizePt: number | undefined, subtitle: ValueRef | undefined): number {
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
  if (d.training) notices.push('培训样本，不具证明效力 TRAINING SAMPLE, NOT VALID');
  if (d.reprint) notices.push('补打 REPRINT');
  const runs: Run[] = [];
  if (notices.length) runs.push({ text: notices.join('  ·  '), size, bold: true, color: COLORS.failed, align: 'center' });
  if (d.override) {
    runs.push({
      text: `经主管 ${d.override.by} 特批（理由：${d.override.reason}）  Supervisor override by ${d.override.by}`,
      size: size * 0.9,
      color: COLORS.unknown,
      align: 'center',
    });
  }
  return drawBlock(ctx, area, runs);
}

export function drawNote(ctx: RenderContext, area: Area, heading: Bilingual | undefined, text: Bilingual, sizePt: number | undefined): number {
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
    { text: `数据截至 ${when}（登记系统暂不可达，使用本机缓存数据）`, size, bold: true, color: COLORS.unknown },
    { text: `Data as of ${when} (registry unreachable; served from the local cache)`, size: size * 0.85, color: COLORS.unknown },
  ]);
}

export function drawResult(ctx: RenderContext, area: Area, heading: Bilingual | undefined): number {
  const size = ctx.t.fontSizePt * 1.15;
  drawHeading(ctx, area, heading ?? { zh: '核验结论', en: 'Result' }, size * 2);
  return drawBlock(ctx, area, [{ text: ctx.d.result, size, bold: true }]);
}
