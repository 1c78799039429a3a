import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { certificateFont, FONT_ALIAS } from '../certificates/render/font';
import { resourcesDir } from '../certificates/resources';
import { drawSignature as drawPad } from '../signature/pdf';
import type { Signature } from '../../../native/signature-pad/types';

const bi = z.object({ zh: z.string(), en: z.string() }).strict();
const templateSchema = z
  .object({
    $comment: z.string().optional(),
    id: z.string(),
    version: z.number().int(),
    title: bi,
    marginMm: z.number().positive(),
    fontSizePt: z.number().positive(),
    intro: bi.optional(),
    exemptsHeading: bi.optional(),
    departmentsHeading: bi.optional(),
    followUpHeading: bi.optional(),
    boxes: z.record(z.string(), z.object({ label: bi, widthMm: z.number(), heightMm: z.number() }).strict()),
    footer: bi,
  })
  .strict();
export type DocumentTemplate = z.output<typeof templateSchema>;

/** resources/templates/documents/<id>.json: the application and receipt layouts, not certificate templates. */
export function documentTemplate(id: string): DocumentTemplate {
  return templateSchema.parse(
    JSON.parse(readFileSync(join(resourcesDir(), 'templates', 'documents', `${id}.json`), 'utf8')),
  );
}

/**
 * A signature as the signature pad gives it: a PNG, strokes of points in 0..1 of the box, or a
 * pad's own Signature (services/signature: stored with the case, drawn aspect kept).
 */
export interface SignatureInput {
  png?: Buffer;
  pad?: Signature;
  strokes?: { x: number; y: number }[][];
}

export interface DocumentData {
  caseId: string;
  item: { zh: string; en: string };
  hall: string;
  counter: string;
  at: string;
  training: boolean;
  rows: { label: { zh: string; en: string }; value: string }[];
  exempts: { zh: string; en: string }[];
  departments?: { zh: string; en: string }[];
  followUp?: { zh: string; en: string };
}

/** Where each named box landed, in PDF points from the top-left of its page, for drawing into later. */
export interface RenderedDocument {
  pdf: Buffer;
  boxes: Record<string, { page: number; x: number; y: number; width: number; height: number }>;
}

const MM = 72 / 25.4;
const fill = (s: string, v: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => v[k] ?? '');

/** The application (with its `signature` box) or the receipt, one A4 page in the terminal's CJK font. */
export async function renderDocument(
  t: DocumentTemplate,
  d: DocumentData,
  signature?: SignatureInput,
): Promise<RenderedDocument> {
  const m = t.marginMm * MM;
  const vars = { item: d.item.zh, itemEn: d.item.en, caseId: d.caseId, at: d.at, hall: d.hall, counter: d.counter };
  const doc = new PDFDocument({ size: 'A4', margin: m, info: { Title: fill(t.title.zh, vars) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT_ALIAS, certificateFont() as unknown as Buffer);
  doc.font(FONT_ALIAS);
  const width = doc.page.width - 2 * m;
  if (d.training) doc.fontSize(10).fillColor('#b71c1c').text('培训 样本 / TRAINING', { align: 'right' });
  doc.fillColor('#000').fontSize(18).text(fill(t.title.zh, vars), { align: 'center' });
  doc.fontSize(9).fillColor('#555').text(fill(t.title.en, vars), { align: 'center' }).moveDown(0.6);
  doc.fontSize(t.fontSizePt).fillColor('#000').text(`办件编号 Case No.: ${d.caseId}`);
  if (t.intro) doc.fontSize(9).fillColor('#333').text(`${t.intro.zh} ${t.intro.en}`).moveDown(0.5);
  doc.fontSize(t.fontSizePt).fillColor('#000');
  for (const r of d.rows) {
    const y = doc.y;
    doc.text(r.label.zh, m, y, { width: width * 0.32 });
    const yl = doc.y;
    doc.text(r.value || '—', m + width * 0.34, y, { width: width * 0.66 });
    doc.y = Math.max(yl, doc.y) + 3;
    doc.x = m;
  }
  const section = (h: { zh: string; en: string } | undefined, lines: string[]) => {
    if (!h || !lines.length) return;
    doc.moveDown(0.6).fontSize(t.fontSizePt).text(`${h.zh} ${h.en}`, m);
    doc.fontSize(t.fontSizePt - 1);
    for (const l of lines) doc.text(`· ${l}`, m + 10);
  };
  section(
    t.departmentsHeading,
    (d.departments ?? []).map((x) => `${x.zh} (${x.en})`),
  );
  section(
    t.exemptsHeading,
    d.exempts.map((x) => `${x.zh} (${x.en})`),
  );
  if (d.followUp && t.followUpHeading) section(t.followUpHeading, [d.followUp.zh, d.followUp.en]);
  const boxes: RenderedDocument['boxes'] = {};
  for (const [name, b] of Object.entries(t.boxes)) {
    doc.moveDown(1).fontSize(10).text(`${b.label.zh} ${b.label.en}`, m);
    const w = b.widthMm * MM;
    const h = b.heightMm * MM;
    const x = m;
    const y = doc.y + 4;
    doc.save().lineWidth(0.6).strokeColor('#444').rect(x, y, w, h).stroke().restore();
    boxes[name] = { page: 1, x, y, width: w, height: h };
    if (name === 'signature' && signature) drawSignature(doc, boxes[name], signature);
    doc.y = y + h + 6;
  }
  doc
    .moveDown(1)
    .fontSize(8)
    .fillColor('#555')
    .text(`${fill(t.footer.zh, vars)} / ${fill(t.footer.en, vars)}`, m);
  doc.end();
  return { pdf: await done, boxes };
}

function drawSignature(
  doc: PDFKit.PDFDocument,
  b: { x: number; y: number; width: number; height: number },
  s: SignatureInput,
): void {
  if (s.pad) {
    drawPad(doc, { x: b.x + 2, y: b.y + 2, w: b.width - 4, h: b.height - 4 }, s.pad);
    return;
  }
  if (s.png) {
    doc.image(s.png, b.x + 2, b.y + 2, { fit: [b.width - 4, b.height - 4], align: 'center', valign: 'center' });
    return;
  }
  doc.save().lineWidth(1.2).strokeColor('#000').lineCap('round');
  for (const stroke of s.strokes ?? []) {
    const pts = stroke.filter((p) => p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1);
    if (!pts.length) continue;
    doc.moveTo(b.x + pts[0]!.x * b.width, b.y + pts[0]!.y * b.height);
    for (const p of pts.slice(1)) doc.lineTo(b.x + p.x * b.width, b.y + p.y * b.height);
    doc.stroke();
  }
  doc.restore();
}
