import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb, type WebFixture } from '../../helpers/web';

/**
 * The renderer build (served by the web host, loaded from disk by Electron: electron-builder packs
 * out/**) carries the CJK web font: index.html links its stylesheet, every slice it names exists
 * and is woff2, and the web host serves them as font/woff2 under CSP font-src 'self'.
 */
const OUT = resolve(__dirname, '../../../out/renderer');
const skip = existsSync(join(OUT, 'index.html')) ? null : 'out/renderer is not built (run npm run build)';
if (skip) console.warn(`web-font build test skipped: ${skip}`);

function get(h: WebFixture, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((res, rej) => {
    const req = request(
      { host: '127.0.0.1', port: h.host.port, path, headers: { Host: `127.0.0.1:${h.host.port}` } },
      (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', rej);
    req.end();
  });
}

describe.skipIf(!!skip)('the CJK web font in the renderer build', () => {
  let h: WebFixture;
  beforeAll(async () => {
    h = await startWeb({ mode: 'training' });
  });
  afterAll(() => h?.close());

  it("index.html links the slices' stylesheet, and each slice is a woff2 served from the terminal itself", async () => {
    const html = readFileSync(join(OUT, 'index.html'), 'utf8');
    const css = /href="\.\/(assets\/cjk-[0-9a-f]+\.css)"/.exec(html)?.[1];
    expect(css, 'index.html links no CJK font stylesheet').toBeTruthy();
    expect(html).toMatch(/font-src 'self';/);
    const sheet = await get(h, `/${css}`);
    expect(sheet.status).toBe(200);
    const text = sheet.body.toString('utf8');
    const urls = [...text.matchAll(/url\(\.\/([^)]+\.woff2)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(3);
    expect(text).toMatch(/font-family:"Counter WenQuanYi Micro Hei"/);
    for (const u of urls) {
      const f = await get(h, `/assets/${u}`);
      expect(f.status, u).toBe(200);
      expect(f.headers['content-type'], u).toBe('font/woff2');
      expect(f.body.toString('latin1', 0, 4), u).toBe('wOF2');
      expect(String(f.headers['content-security-policy'])).toMatch(/font-src 'self';/);
    }
  });
});
