import PDFDocument from 'pdfkit';
import { canonicalFacts, canonicalJson } from '../canonical';
import { assertPayloadMatches, signParsed } from '../certificate-payload';
import { CertificateError, describeIssues } from '../errors';
import { INFO_FACTS_KEY, INFO_PAYLOAD_KEY } from '../pdf-meta';
import type { HallKey } from '../qr/keys';
import type { CertificateTemplate, Section } from '../template-schema';
import { loadTemplate } from '../templates';
import { documentWords } from '../words';
import { certificateDataSchema, type CertificateData, type ParsedCertificateData } from '../types';
import { areaFor, type Area, type RenderContext } from './context';
import { drawPageFooter, drawWatermark } from './decorations';
import { certificateFont, shareLayoutCache } from './font';
import { drawChecks } from './sections/checks';
import { drawFacts, drawFields } from './sections/fields';
import { drawFooter } from './sections/footer';
import { drawPhoto, drawQrBox } from './sections/media';
import { drawDataAsOf, drawMarks, drawNote, drawResult, drawTitle } from './sections/text-blocks';
import { mm, PAGE_SIZES } from './units';

export interface RenderOptions {
  /** A payload signed earlier (e.g. stored with the case, for reprints); must match the data. */
  payload?: string;
  /** Sign now with this key when no payload is given. */
  hallKey?: HallKey;
  /** Zone for printed times; defaults to Asia/Shanghai whatever the PC is set to. */
  timeZone?: string;
}

const SECTION_GAP = 6;

function parseData(data: CertificateData): ParsedCertificateData {
  const parsed = certificateDataSchema.safeParse(data);
  if (!parsed.success) {
    throw new CertificateError(
      'CERT_DATA_INVALID',
      `Certificate data is incomplete or wrong (${describeIssues(parsed.error.issues)}). This is a bug in the caller; nothing was printed.`,
    );
  }
  return parsed.data;
}

function drawSection(ctx: RenderContext, s: Section): void {
  if (s.type === 'pageBreak') {
    ctx.doc.addPage();
    ctx.y = ctx.frame.top;
    return;
  }
  const area: Area = areaFor(ctx, s.box);
  switch (s.type) {
    case 'title':
      drawTitle(ctx, area, s.sizePt, s.subtitle);
      break;
    case 'marks':
      drawMarks(ctx, area);
      break;
    case 'fields':
      drawFields(ctx, area, s);
      break;
    case 'facts':
      drawFacts(ctx, area, s.heading);
      break;
    case 'checks':
      drawChecks(ctx, area, s.heading);
      break;
    case 'result':
      drawResult(ctx, area, s.heading);
      break;
    case 'dataAsOf':
      drawDataAsOf(ctx, area);
      break;
    case 'note':
      drawNote(ctx, area, s.heading, s.text, s.fontSizePt);
      break;
    case 'photo':
      drawPhoto(ctx, { ...area, h: mm(s.box.h) }, s.required ?? false);
      break;
    case 'qr':
      drawQrBox(ctx, area, s.caption);
      break;
    case 'footer':
      drawFooter(ctx, area, s.heading, s.qrSizeMm);
      break;
  }
  if (area.flow && ctx.y > area.y - 0.01) ctx.y += SECTION_GAP;
}

/** data + template -> PDF bytes. Same input (and payload) gives the same bytes. */
export async function renderCertificate(
  template: string | CertificateTemplate,
  data: CertificateData,
  opts: RenderOptions = {},
): Promise<Buffer> {
  const t = typeof template === 'string' ? loadTemplate(template) : template;
  const words = documentWords();
  const d = parseData(data);
  let payload = opts.payload;
  if (payload !== undefined) assertPayloadMatches(payload, d);
  else if (opts.hallKey) payload = signParsed(d, opts.hallKey);
  else
    throw new CertificateError(
      'CERT_NO_SIGNER',
      'No hall key and no signed payload were given, so the certificate QR cannot be signed. Configure the hall key.',
    );

  const issued = new Date(d.issuedAt);
  const [top, right, bottom, left] = t.page.marginMm.map(mm) as [number, number, number, number];
  const [pw, ph] = PAGE_SIZES[t.page.size];
  const font = certificateFont();
  const doc = new PDFDocument({
    // The one font of every certificate, set as the default: no Helvetica metrics parsed per
    // document and no font switching (pdfkit compares font name tables on every switch).
    // pdfkit accepts a parsed fontkit font; its type only lists names.
    font: font as unknown as string,
    size: [pw, ph],
    margins: { top, right, bottom, left },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${t.title.zh} ${d.serial}`,
      Author: d.hall.name,
      Subject: `${t.title.en} (${d.itemCode})`,
      Creator: 'Counter terminal',
      CreationDate: issued,
      ModDate: issued,
      [INFO_PAYLOAD_KEY]: payload,
      [INFO_FACTS_KEY]: Buffer.from(canonicalJson(canonicalFacts(d)), 'utf8').toString('base64url'),
    } as PDFKit.DocumentInfo,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // pdfkit accepts a parsed fontkit font; its type only lists paths and buffers.
  shareLayoutCache(doc);
  const ctx: RenderContext = {
    doc,
    t,
    d,
    payload,
    words,
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
    y: top,
    frame: { left, top, right: pw - right, bottom: ph - bottom, width: pw - left - right },
  };
  try {
    for (const s of t.sections) drawSection(ctx, s);
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      if (t.pageFooter) drawPageFooter(ctx, i + 1, range.count);
      if (d.training) drawWatermark(ctx);
    }
  } catch (err) {
    doc.end();
    await done.catch(() => undefined);
    throw err;
  }
  doc.end();
  return done;
}
