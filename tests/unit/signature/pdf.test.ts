import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { bindSignature, signatureFor } from '../../../electron/services/signature/bind';
import { drawSignature } from '../../../electron/services/signature/pdf';
import type { Signature } from '../../../native/signature-pad/types';

const sig: Signature = {
  width: 400,
  height: 200,
  strokes: [Array.from({ length: 40 }, (_, i) => ({ x: 20 + i * 9, y: 100 + 60 * Math.sin(i / 4), pressure: 0.6 }))],
};

function pdf(draw: (d: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

describe('signature on a PDF', () => {
  it('is bound to the document it signs and refused for another', () => {
    const b = bindSignature(sig, { caseId: 'c1', form: { a: 1, b: 2 } }, new Date(0));
    expect(signatureFor(b, { form: { b: 2, a: 1 }, caseId: 'c1' })).toBe(sig); // canonical: key order is no change
    expect(() => signatureFor(b, { caseId: 'c2', form: { a: 1, b: 2 } })).toThrow(/another document/);
  });

  it('draws ink inside the box and nowhere else (pdftoppm)', async () => {
    const box = { x: 300, y: 600, w: 200, h: 100 };
    const bytes = await pdf((d) => drawSignature(d, box, sig));
    const dir = mkdtempSync(join(tmpdir(), 'sig-pdf-'));
    writeFileSync(join(dir, 's.pdf'), bytes);
    execFileSync('pdftoppm', ['-r', '72', '-gray', join(dir, 's.pdf'), join(dir, 'p')]);
    const pgm = execFileSync('sh', ['-c', `cat ${dir}/p-1.pgm`]);
    // P5 header: "P5\n595 842\n255\n"
    const header = pgm.subarray(0, 20).toString('latin1').split(/\s+/);
    const [w, h] = [Number(header[1]), Number(header[2])];
    const data = pgm.subarray(pgm.length - w * h);
    let inside = 0;
    let outside = 0;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        if (data[y * w + x]! < 128) {
          const inBox = x >= box.x - 2 && x <= box.x + box.w + 2 && y >= box.y - 2 && y <= box.y + box.h + 2;
          if (inBox) inside++;
          else outside++;
        }
    expect(inside).toBeGreaterThan(50);
    expect(outside).toBe(0);
  });
});
