import { COLORS, type RenderContext } from './context';
import { both } from '../words';

/** Draws over the content (not under) so a photo or table fill can never hide it. */
export function drawWatermark(ctx: RenderContext): void {
  const { doc } = ctx;
  const w = ctx.t.watermark;
  const { width, height } = doc.page;
  doc.save();
  doc.fontSize(w.fontSizePt).fillColor(w.color).fillOpacity(w.opacity);
  const textW = doc.widthOfString(w.text);
  doc.rotate(w.angleDeg, { origin: [width / 2, height / 2] });
  doc.text(w.text, width / 2 - textW / 2, height / 2 - w.fontSizePt / 2, {
    lineBreak: false,
    width: textW + 10,
    height: w.fontSizePt * 2,
  });
  doc.restore();
}

/** Serial and page count in the bottom margin, so a loose page can be matched to its certificate. */
export function drawPageFooter(ctx: RenderContext, page: number, pages: number): void {
  const { doc } = ctx;
  const size = ctx.t.fontSizePt * 0.75;
  const y = ctx.frame.bottom + (doc.page.height - ctx.frame.bottom) / 2 - size / 2;
  doc.fontSize(size).fillColor(COLORS.muted);
  doc.text(both(ctx.words.pageFooter, { serial: ctx.d.serial, page, pages }, '  '), ctx.frame.left, y, {
    width: ctx.frame.width,
    align: 'center',
    lineBreak: false,
    height: size * 2,
  });
}
