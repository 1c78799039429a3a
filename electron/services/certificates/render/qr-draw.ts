import QRCode from 'qrcode';
import { CertificateError } from '../errors';

/**
 * Draws the QR as filled vector rectangles (one per horizontal run of dark modules): sharp at
 * any printer resolution and a few KB in the content stream. Includes the 4-module quiet zone.
 */
let last: { payload: string; qr: QRCode.QRCode } | undefined;

/** Mask selection dominates QR encoding; a certificate and its reprint draw the same payload. */
function encode(payload: string): QRCode.QRCode {
  if (last?.payload === payload) return last.qr;
  try {
    const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    last = { payload, qr };
    return qr;
  } catch (cause) {
    throw new CertificateError(
      'CERT_PAYLOAD_TOO_LARGE',
      `The QR payload (${payload.length} characters) does not fit a QR code; shorten the serial or item code.`,
      { cause },
    );
  }
}

export function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, size: number): void {
  const qr = encode(payload);
  const n = qr.modules.size;
  const unit = size / (n + 8);
  const ox = x + 4 * unit;
  const oy = y + 4 * unit;
  doc.save();
  doc.rect(x, y, size, size).fillColor('#ffffff').fill();
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      // A hair of overlap stops viewers from showing seams between adjacent rows.
      doc.rect(ox + start * unit, oy + r * unit, (c - start) * unit, unit + 0.01);
    }
  }
  doc.fillColor('#000000').fill();
  doc.restore();
}

/** QR version for a payload, for tests and for sizing decisions. */
export function qrVersion(payload: string): number {
  return QRCode.create(payload, { errorCorrectionLevel: 'M' }).version;
}
