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
 * Pure drawing: scales the signature to fit the box (aspect kept, centred) and draws each stroke,
 * a little thicker where the pen pressed harder. Same input, same page.
 */
export function drawSignature(doc: PenDoc, box: Box, sig: Signature): void {
  if (!sig.strokes.length || sig.width <= 0 || sig.height <= 0) return;
  const k = Math.min(box.w / sig.width, box.h / sig.height);
  const ox = box.x + (box.w - sig.width * k) / 2;
  const oy = box.y + (box.h - sig.height * k) / 2;
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
