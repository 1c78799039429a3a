import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'fontkit';
import subsetFont from 'subset-font';
import { planSlices, unicodeRange } from './slices';
import { ttcFace } from './ttc';

export interface WebFontOptions {
  /** The bundled TrueType font or collection (resources/fonts/wqy-microhei.ttc). */
  fontFile: string;
  face?: number;
  /** The CSS family name; distinct from any installed face so a local copy never shadows it. */
  family: string;
  /** Text whose characters must be in the first slice (the renderer's own strings). */
  uiText: string;
  /** Built slices are kept here between builds, keyed by the font and the plan. */
  cacheDir: string;
  /** File names are `${prefix}-N-hash.woff2` and `${prefix}-hash.css`. */
  prefix?: string;
}

export interface WebFont {
  files: { name: string; data: Buffer }[];
  cssName: string;
  css: string;
  /** Characters per slice, first (the one nearly every screen fetches) first. */
  sizes: number[];
}

// Bump when the slicing or subsetting changes, so cached slices are rebuilt.
const PLAN_VERSION = 1;

/** Splits the bundled face into woff2 slices with their @font-face rules (fetched per unicode-range). */
export async function buildWebFont(o: WebFontOptions): Promise<WebFont> {
  const font = ttcFace(readFileSync(o.fontFile), o.face ?? 0);
  const prefix = o.prefix ?? 'cjk';
  const key = createHash('sha256')
    .update(font)
    .update(o.uiText)
    .update(`${PLAN_VERSION}/${o.family}`)
    .digest('hex')
    .slice(0, 12);
  const dir = join(o.cacheDir, key);
  // characterSet is fontkit's list of the code points the face maps (its declared types omit it).
  const { characterSet } = create(font) as unknown as { characterSet: number[] };
  const slices = planSlices(new Set(characterSet), o.uiText);
  const files: WebFont['files'] = [];
  const rules: string[] = [];
  mkdirSync(dir, { recursive: true });
  for (const [i, cps] of slices.entries()) {
    const name = `${prefix}-${i}-${key}.woff2`;
    const cached = join(dir, name);
    let data: Buffer;
    if (existsSync(cached)) data = readFileSync(cached);
    else {
      // Hinting is dropped: Chromium renders these sizes without it, and it is a third of the bytes.
      data = await subsetFont(font, String.fromCodePoint(...cps), { targetFormat: 'woff2', noHinting: true });
      writeFileSync(cached, data);
    }
    files.push({ name, data });
    rules.push(
      `@font-face{font-family:"${o.family}";src:url(./${name}) format("woff2");font-display:swap;unicode-range:${unicodeRange(cps)}}`,
    );
  }
  return { files, cssName: `${prefix}-${key}.css`, css: `${rules.join('\n')}\n`, sizes: slices.map((s) => s.length) };
}
