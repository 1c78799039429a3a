import type { CertificateTemplate, Box } from '../template-schema';
import type { ParsedCertificateData } from '../types';
import type { DocumentWords } from '../words';
import { mm } from './units';

export const COLORS = {
  text: '#1a1a1a',
  muted: '#666666',
  rule: '#b0b0b0',
  fill: '#f0f0f0',
  passed: '#1f7a1f',
  failed: '#b00020',
  unknown: '#a15c00',
};

export interface RenderContext {
  doc: PDFKit.PDFDocument;
  t: CertificateTemplate;
  d: ParsedCertificateData;
  payload: string;
  /** The fixed words (resources/templates/words/certificate.json); the template has its own. */
  words: DocumentWords;
  timeZone: string;
  /** Flow cursor in points from the page top. */
  y: number;
  frame: { left: number; top: number; right: number; bottom: number; width: number };
}

/** Where a section draws: its template box, or the full content width at the flow cursor. */
export interface Area {
  x: number;
  y: number;
  w: number;
  /** Only for boxed sections: content is clipped to it instead of breaking the page. */
  h?: number;
  flow: boolean;
}

export function areaFor(ctx: RenderContext, box: Box | undefined): Area {
  if (!box) return { x: ctx.frame.left, y: ctx.y, w: ctx.frame.width, flow: true };
  return { x: mm(box.x), y: mm(box.y), w: mm(box.w), h: box.h === undefined ? undefined : mm(box.h), flow: false };
}

/** Starts a new page when `h` points do not fit below the cursor; returns the y to draw at. */
export function ensureSpace(ctx: RenderContext, area: Area, h: number): number {
  if (!area.flow) return area.y;
  const fresh = ctx.y <= ctx.frame.top + 0.5;
  if (ctx.y + h > ctx.frame.bottom && !fresh) {
    ctx.doc.addPage();
    ctx.y = ctx.frame.top;
  }
  area.y = ctx.y;
  return ctx.y;
}
