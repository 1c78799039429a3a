import type { Bilingual } from '../../template-schema';
import { CertificateError } from '../../errors';
import { COLORS, type Area, type RenderContext } from '../context';
import { drawQr } from '../qr-draw';
import { drawRuns } from '../text';
import { both } from '../../words';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function drawPhoto(ctx: RenderContext, area: Area & { h: number }, required: boolean): void {
  const { doc, d } = ctx;
  doc.rect(area.x, area.y, area.w, area.h).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  if (!d.photo) {
    if (required) {
      throw new CertificateError(
        'CERT_PHOTO_INVALID',
        "This certificate needs the holder's photo, but none was supplied. Fetch the resident-ID license (with photo) and try again.",
      );
    }
    drawRuns(
      ctx,
      [{ text: both(ctx.words.noPhoto), size: 6, color: COLORS.muted, align: 'center' }],
      area.x,
      area.y + area.h / 2 - 4,
      area.w,
    );
    return;
  }
  const bytes = Buffer.from(d.photo.buffer, d.photo.byteOffset, d.photo.byteLength);
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new CertificateError(
      'CERT_PHOTO_INVALID',
      "The holder photo is not a PNG image. The registry's resident-ID photo must be passed as PNG bytes.",
    );
  }
  try {
    doc.image(bytes, area.x, area.y, { fit: [area.w, area.h], align: 'center', valign: 'center' });
  } catch (cause) {
    throw new CertificateError(
      'CERT_PHOTO_INVALID',
      `The holder photo could not be read (${(cause as Error).message}). Re-fetch the resident-ID license.`,
      { cause },
    );
  }
}

/** A QR in a fixed box; the square side is the box width, the caption goes underneath. */
export function drawQrBox(ctx: RenderContext, area: Area, caption: Bilingual | undefined): void {
  drawQr(ctx.doc, ctx.payload, area.x, area.y, area.w);
  if (caption) {
    const text = caption.en ? `${caption.zh} ${caption.en}` : caption.zh;
    drawRuns(
      ctx,
      [{ text, size: Math.max(ctx.t.fontSizePt * 0.7, 4.5), color: COLORS.muted, align: 'center' }],
      area.x - 10,
      area.y + area.w,
      area.w + 20,
    );
  }
}
