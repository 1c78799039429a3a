import type { Bilingual } from '../../template-schema';
import { COLORS, ensureSpace, type Area, type RenderContext } from '../context';
import { formatDateTime } from '../format';
import { drawQr } from '../qr-draw';
import { cellHeight, drawRuns, labelRuns, type Run } from '../text';
import { mm } from '../units';
import { drawHeading } from './heading';
import { both, type Words } from '../../words';

/** Serial, hall, counter, clerk and time on the left; the signed QR on the right. Kept on one page. */
export function drawFooter(
  ctx: RenderContext,
  area: Area,
  heading: Bilingual | undefined,
  qrSizeMm: number | undefined,
): number {
  const { d } = ctx;
  const size = ctx.t.fontSizePt * 0.95;
  const qr = mm(qrSizeMm ?? 30);
  const f = ctx.words.footer;
  const label = (w: Words) => labelRuns(w.zh, w.en, size * 0.9);
  const rows: Array<[Run[], Run[]]> = [
    [label(f.serial), [{ text: d.serial, size, bold: true }]],
    [label(f.issuedBy), [{ text: d.hall.name, size }]],
    [label(f.counter), [{ text: d.counter, size }]],
    [label(f.clerk), [{ text: `${d.clerk.name}（${d.clerk.id}）`, size }]],
    [label(f.issuedAt), [{ text: `${formatDateTime(d.issuedAt, ctx.timeZone)}（${ctx.timeZone}）`, size }]],
  ];
  const labelW = mm(26);
  const textW = area.w - qr - mm(6) - labelW;
  const rowH = rows.map(([l, v]) => Math.max(cellHeight(ctx, l, labelW - 4), cellHeight(ctx, v, textW)) + 3);
  const textH = rowH.reduce((a, b) => a + b, 0);
  const captionSize = size * 0.75;
  const height = Math.max(textH, qr + captionSize * 2.8);
  drawHeading(ctx, area, heading, height + 4);
  const y0 = ensureSpace(ctx, area, height + 4);
  let y = y0 + 2;
  rows.forEach(([l, v], i) => {
    drawRuns(ctx, l, area.x, y, labelW - 4);
    drawRuns(ctx, v, area.x + labelW, y, textW);
    y += rowH[i] as number;
  });
  const qx = area.x + area.w - qr;
  drawQr(ctx.doc, ctx.payload, qx, y0 + 2, qr);
  drawRuns(
    ctx,
    [{ text: both(ctx.words.scanToVerify), size: captionSize, color: COLORS.muted, align: 'center' }],
    qx - 10,
    y0 + 2 + qr,
    qr + 20,
  );
  const bottom = y0 + 4 + height;
  if (area.flow) ctx.y = bottom;
  return bottom;
}
