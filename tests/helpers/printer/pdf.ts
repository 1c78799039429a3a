import PDFDocument from 'pdfkit';

/** A small real PDF (one A4 page) made with pdfkit, as the certificate service would. */
export function makeTestPdf(
  text = 'Counter terminal test page',
  size: [number, number] | 'A4' = 'A4',
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size, margin: 36, info: { Title: text } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(text);
    doc.end();
  });
}
