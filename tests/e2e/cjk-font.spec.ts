/// <reference lib="dom" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { expect, test } from './fixtures';
import { api, placeCard } from '../helpers/session';

/**
 * Chinese must be readable on a machine with no CJK system font (a fresh Debian, a bare kiosk):
 * Chromium runs against a font config that holds only DejaVu (Latin), so any Chinese glyph on the
 * page can come only from the web font the renderer ships. Each character of the visible text is
 * drawn in the element's own font and compared with a private-use character no font has: the
 * same pixels mean the fallback box (or nothing) was drawn.
 */
const dir = mkdtempSync(join(tmpdir(), 'counter-nocjk-fonts-'));
const FONTS_CONF = join(dir, 'fonts.conf');
writeFileSync(
  FONTS_CONF,
  `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>/usr/share/fonts/truetype/dejavu</dir>\n  <cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
);

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF },
  },
});

const shot = (name: string) => `test-results/screens/${name}.png`;

/** The CJK characters of `testid`'s text that render as the missing-glyph box. */
async function boxedCjk(page: Page, testid: string): Promise<{ checked: string; boxed: string }> {
  return page
    .getByTestId(testid)
    .first()
    .evaluate(async (el) => {
      await document.fonts.ready;
      const family = getComputedStyle(el).fontFamily;
      const chars = [...new Set([...(el.textContent ?? '')].filter((c) => /\p{Script=Han}/u.test(c)))];
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 48;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      const draw = (c: string) => {
        ctx.clearRect(0, 0, 48, 48);
        ctx.font = `40px ${family}`;
        ctx.textBaseline = 'top';
        ctx.fillText(c, 4, 4);
        return Array.from(ctx.getImageData(0, 0, 48, 48).data.filter((_, i) => i % 4 === 3)).join(',');
      };
      const box = draw('\uE000');
      const blank = new Array(48 * 48).fill(0).join(',');
      return { checked: chars.join(''), boxed: chars.filter((c) => [box, blank].includes(draw(c))).join('') };
    });
}

test('the sign-in and case screens render Chinese with the bundled face when the system has no CJK font', async ({
  page,
  host,
}) => {
  // Fonts come from the terminal itself (CSP font-src 'self'), and the sign-in screen needs only the first slice.
  const fonts: { url: string; status: number; type: string | undefined }[] = [];
  const refused: string[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.woff2'))
      fonts.push({ url: new URL(r.url()).pathname, status: r.status(), type: r.headers()['content-type'] });
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Failed to decode downloaded font|OTS parsing error/i.test(m.text()))
      refused.push(m.text());
  });
  await page.goto(host.url);
  await expect(page.getByTestId('sign-in-user')).toBeVisible();
  await expect(page.getByTestId('training-banner')).toContainText('培训');
  const signIn = await boxedCjk(page, 'training-banner');
  await page.screenshot({ path: shot('nocjk-01-sign-in') });
  expect(signIn.checked.length).toBeGreaterThan(1);
  expect(signIn.boxed, `boxes on the sign-in screen among ${signIn.checked}`).toBe('');
  expect(fonts.length, JSON.stringify(fonts)).toBeGreaterThan(0);
  expect(fonts.length, `slices fetched for the sign-in screen: ${JSON.stringify(fonts)}`).toBeLessThanOrEqual(2);
  for (const f of fonts) expect(f, f.url).toMatchObject({ status: 200, type: 'font/woff2' });
  expect(refused).toEqual([]);

  expect((await api(host, 'auth.signIn', { userId: 'demo-clerk', password: 'training-123' })).ok).toBe(true);
  await page.goto(host.url);
  await page.getByTestId('training-panel').waitFor();
  await placeCard(page, '张建国');
  await expect(page.getByTestId('resident-name')).toContainText('张建国');
  await expect(page.getByTestId('license-111002')).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: shot('nocjk-02-case') });
  // A rare character in a name (outside GB 2312) comes from a slice fetched only when shown.
  const before = fonts.length;
  await page.evaluate(() => {
    const el = document.createElement('span');
    el.dataset.testid = 'rare-name';
    el.textContent = '王堃 李喆 赵犇 龑';
    document.querySelector('[data-testid="resident-name"]')!.append(el);
  });
  await expect.poll(() => fonts.length).toBeGreaterThan(before);
  for (const id of ['resident-name', 'resident-fields', 'license-111002', 'rare-name']) {
    const r = await boxedCjk(page, id);
    expect(r.checked.length, id).toBeGreaterThan(0);
    expect(r.boxed, `boxes in ${id} among ${r.checked}`).toBe('');
  }
  console.log(`web-font slices fetched: ${fonts.map((f) => f.url.replace(/^.*\//, '')).join(', ')}`);
});
