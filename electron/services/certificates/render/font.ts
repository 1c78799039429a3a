import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, type FontkitFont } from 'fontkit';
import { CertificateError } from '../errors';
import { resourcesDir } from '../resources';

/** WenQuanYi Micro Hei (Apache-2.0), a TrueType collection; face 0 is the proportional one. */
export const FONT_FILE = 'wqy-microhei.ttc';
export const FONT_FACE = 'WenQuanYiMicroHei';
/** Name other PDF producers (e.g. the audit slip) register the shared font under. */
export const FONT_ALIAS = 'cjk';

let cached: { path: string; font: FontkitFont } | undefined;

/**
 * Parsing the 5 MB collection costs ~60 ms; a parsed fontkit font is reusable across documents
 * (pdfkit creates the per-document subset from it), so one parse serves every render.
 */
export function certificateFont(): FontkitFont {
  const path = join(resourcesDir(), 'fonts', FONT_FILE);
  if (cached?.path === path) return cached.font;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new CertificateError(
      'CERT_FONT_MISSING',
      `The certificate font ${path} is missing. Reinstall the app; without it Chinese text cannot be printed.`,
      { cause },
    );
  }
  const font = create(bytes, FONT_FACE);
  cached = { path, font };
  return font;
}

/** Ascent as a fraction of the font size, for aligning baselines of mixed sizes. */
export function fontAscent(): number {
  const f = certificateFont();
  return f.ascent / f.unitsPerEm;
}

const LAYOUT_CACHE_LIMIT = 20_000;
let layoutEntries = 0;
let layoutCache: Record<string, unknown> = Object.create(null) as Record<string, unknown>;

/**
 * pdfkit caches shaped text per document; shaping CJK through fontkit is most of a render's
 * cost, and the result depends only on font and text, so one bounded cache serves all documents.
 * Relies on pdfkit's EmbeddedFont.layoutCache (0.20); if that changes it silently falls back to
 * the per-document cache.
 */
export function shareLayoutCache(doc: PDFKit.PDFDocument): void {
  const embedded = (doc as unknown as { _font?: { layoutCache?: unknown } })._font;
  if (!embedded || typeof embedded.layoutCache !== 'object') return;
  if (layoutEntries > LAYOUT_CACHE_LIMIT) {
    layoutCache = Object.create(null) as Record<string, unknown>;
    layoutEntries = 0;
  }
  const target = layoutCache;
  embedded.layoutCache = new Proxy(target, {
    set(obj, key, value) {
      if (!(key in obj)) layoutEntries++;
      return Reflect.set(obj, key, value);
    },
  });
}
