import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { buildWebFont, type WebFont } from './build';

/** The family name the renderer's font stacks end with (App.tsx, styles.css). */
export const WEB_FONT_FAMILY = 'Counter WenQuanYi Micro Hei';

function sourceText(dir: string): string {
  let text = '';
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) text += sourceText(p);
    else if (/\.(tsx?|html|css)$/.test(e)) text += readFileSync(p, 'utf8');
  }
  return text;
}

/**
 * Ships the bundled CJK face with the renderer build (web host and Electron alike) as same-origin
 * woff2 slices behind a stylesheet linked from index.html, so CSP font-src 'self' holds and a
 * machine without any CJK system font still shows Chinese. Build only: `electron-vite dev` uses
 * the system's fonts.
 */
export function cjkWebFont(o: { root: string; rendererDir: string }): Plugin {
  let font: WebFont | undefined;
  return {
    name: 'counter-cjk-webfont',
    apply: 'build',
    async buildStart() {
      const t0 = Date.now();
      font = await buildWebFont({
        fontFile: join(o.root, 'resources/fonts/wqy-microhei.ttc'),
        family: WEB_FONT_FAMILY,
        uiText: sourceText(o.rendererDir),
        cacheDir: join(o.root, 'node_modules/.cache/counter-webfont'),
      });
      const kb = font.files.map((f) => Math.round(f.data.length / 1024));
      this.info(
        `CJK web font: ${font.files.length} slices (${kb.join(' + ')} KB, first one ${font.sizes[0]} characters) in ${Date.now() - t0} ms`,
      );
    },
    generateBundle() {
      for (const f of font!.files) this.emitFile({ type: 'asset', fileName: `assets/${f.name}`, source: f.data });
      this.emitFile({ type: 'asset', fileName: `assets/${font!.cssName}`, source: font!.css });
    },
    transformIndexHtml() {
      return [{ tag: 'link', attrs: { rel: 'stylesheet', href: `./assets/${font!.cssName}` }, injectTo: 'head' }];
    },
  };
}
