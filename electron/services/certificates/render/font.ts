import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, type FontkitFont } from 'fontkit';
import { CertificateError } from '../errors';
import { resourcesDir } from '../resources';

/** WenQuanYi Micro Hei (Apache-2.0), a TrueType collection; face 0 is the proportional one. */
export const FONT_FILE = 'wqy-microhei.ttc';
export const FONT_FACE = 'WenQuanYiMicroHei';
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
    throw new CertificateError('CERT_FONT_MISSING', `The certificate font ${path} is missing. Reinstall the app; without it Chinese text cannot be printed.`, { cause });
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
