import PDFDocument from 'pdfkit';
import { certificateFont, FONT_ALIAS } from '../certificates/render/font';
import { both, slipWords } from '../certificates/words';
import type { CitizenSlipRow as SlipRow } from '../../api/auth-types';
import type { AuditRow } from './types';

export type { CitizenSlipRow as SlipRow } from '../../api/auth-types';

/** Actions that are the terminal's own bookkeeping about a person rather than a look at their data. */
const NOT_ACCESS = new Set(['citizen-slip']);

export const slipRows = (rows: AuditRow[]): SlipRow[] =>
  rows
    .filter((r) => !NOT_ACCESS.has(r.action))
    .map((r) => ({
      at: r.at,
      clerk: r.actor,
      action: r.action,
      itemCode: r.item_code,
      purpose: r.purpose,
      caseId: r.case_id,
    }));

export interface SlipHeader {
  hall: string;
  counter: string;
  training: boolean;
  printedAt: Date;
}

/**
 * A one-page (or longer) A4 list of who looked at this citizen's data. It names no citizen data
 * itself: the citizen holds the slip, the clerk hands it over.
 */
export async function slipPdf(h: SlipHeader, rows: SlipRow[]): Promise<Buffer> {
  const w = slipWords();
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: both(w.title) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT_ALIAS, certificateFont() as unknown as Buffer);
  doc.font(FONT_ALIAS);
  if (h.training)
    doc
      .fontSize(12)
      .fillColor('#b71c1c')
      .text(both(w.training, {}, ' / '))
      .fillColor('black');
  doc.fontSize(16).text(both(w.title, {}, ' / '), { align: 'center' });
  doc
    .moveDown(0.5)
    .fontSize(10)
    .text(`${h.hall} · ${h.counter} · ${h.printedAt.toLocaleString('zh-CN')}`, { align: 'center' });
  doc.moveDown();
  if (rows.length === 0) doc.fontSize(11).text(both(w.empty));
  for (const r of rows) {
    const action = w.actions[r.action];
    const line = [
      new Date(r.at).toLocaleString('zh-CN'),
      r.clerk ?? '-',
      action ? both(action) : r.action,
      r.itemCode ?? '',
      r.purpose ?? '',
    ].join('   ');
    doc.fontSize(10).text(line);
  }
  doc.moveDown().fontSize(9).fillColor('#555').text(both(w.footnote));
  doc.end();
  return done;
}
