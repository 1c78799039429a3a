import type { Signature } from '../../../native/signature-pad/types';

/** A box on the page, in PDF points from the top-left, as the form templates name them. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The part of PDFKit this needs, so any document (form, consent) can take a signature. */
export interface PenDoc {
  save(): PenDoc;
  restore(): PenDoc;
  moveTo(x: number, y: number): PenDoc;
  lineTo(x: number, y: number): PenDoc;
  lineWidth(w: number): PenDoc;
  lineCap(c: 'round'): PenDoc;
  lineJoin(j: 'round'): PenDoc;
  strokeColor(c: string): PenDoc;
  stroke(): PenDoc;
}

/**
 * Pure drawing: scales what was drawn (its strokes' extent, not the whole pad: a signature in one
 * corner of a wide touch screen still fills the box) to fit the box, aspect kept and centred, and
 * draws each stroke, a little thicker where the pen pressed harder. Same input, same page.
 */
export function drawSignature(doc: PenDoc, box: Box, sig: Signature): void {
  if (!sig.strokes.length || sig.width <= 0 || sig.height <= 0) return;
  const pts = sig.strokes.flat();
  if (!pts.length) return;
  const x0 = Math.min(...pts.map((p) => p.x));
  const y0 = Math.min(...pts.map((p) => p.y));
  // A margin of 5% of the pad around the ink; a dot or a straight line still gets an area.
  const m = 0.05 * Math.max(sig.width, sig.height);
  const w = Math.max(...pts.map((p) => p.x)) - x0 + 2 * m;
  const h = Math.max(...pts.map((p) => p.y)) - y0 + 2 * m;
  const k = Math.min(box.w / w, box.h / h);
  const ox = box.x + (box.w - w * k) / 2 - (x0 - m) * k;
  const oy = box.y + (box.h - h * k) / 2 - (y0 - m) * k;
  doc.save().strokeColor('#000').lineCap('round').lineJoin('round');
  for (const s of sig.strokes) {
    if (!s.length) continue;
    const avg = s.reduce((a, p) => a + p.pressure, 0) / s.length;
    doc.lineWidth(0.6 + 1.2 * avg).moveTo(ox + s[0]!.x * k, oy + s[0]!.y * k);
    // A single tap still leaves a dot.
    if (s.length === 1) doc.lineTo(ox + s[0]!.x * k + 0.1, oy + s[0]!.y * k);
    for (const p of s.slice(1)) doc.lineTo(ox + p.x * k, oy + p.y * k);
    doc.stroke();
  }
  doc.restore();
}
