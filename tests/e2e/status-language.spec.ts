import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import type { Page } from '@playwright/test';
import { expect, startHostProcess, test, type HostProcess } from './fixtures';
import { openSignedIn } from '../helpers/session';

/**
 * The status bar is worded on the page from codes, so with a printer fault it reads in one
 * language, whichever Alt+L chose. The configured A4 printer does not exist: PRINTER_NOT_FOUND,
 * with the printer's name as its parameter.
 */
let sandbox: TestSandbox;
let host: HostProcess;
const CJK = /[\u4e00-\u9fff]/;
const LATIN_WORDS = /[A-Za-z]{3,}/;
// The hall and the clerk's name are data, shown as they are in both languages.
const ITEMS = ['status-reader', 'status-printer', 'status-registry'];

test.beforeAll(async () => {
  sandbox = await startTestSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'counter-e2e-lang-'));
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      mode: 'training',
      hall: { id: 'LANG01', name: '语言检查大厅' },
      counter: 'L-01',
      registry: { url: sandbox.url, appKey: sandbox.appKey, appSecret: sandbox.appSecret },
      printer: { backend: 'virtual', a4: 'Gone_Printer_7' },
    }),
  );
  host = await startHostProcess({ COUNTER_CONFIG: config, COUNTER_DATA_DIR: join(dir, 'data') });
});

test.afterAll(async () => {
  host?.proc.kill('SIGTERM');
  await sandbox?.stop();
});

/** The first font of a TrueType collection as a standalone TTF: its tables copied behind a fresh directory. */
function firstFontOfCollection(ttc: Buffer): Buffer {
  const dir = ttc.readUInt32BE(12);
  const numTables = ttc.readUInt16BE(dir + 4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const e = dir + 12 + i * 16;
    return {
      tag: ttc.subarray(e, e + 4),
      sum: ttc.readUInt32BE(e + 4),
      data: ttc.subarray(ttc.readUInt32BE(e + 8), ttc.readUInt32BE(e + 8) + ttc.readUInt32BE(e + 12)),
    };
  });
  const head = Buffer.alloc(12 + numTables * 16);
  ttc.copy(head, 0, dir, dir + 12);
  let offset = head.length;
  const bodies: Buffer[] = [];
  tables.forEach((t, i) => {
    const e = 12 + i * 16;
    t.tag.copy(head, e);
    head.writeUInt32BE(t.sum, e + 4);
    head.writeUInt32BE(offset, e + 8);
    head.writeUInt32BE(t.data.length, e + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([head, ...bodies]);
}

/**
 * This Chromium has no CJK system font and refuses a font collection, so the bundled font is lent
 * to the page as a TTF, only so that a person can read the screenshots. The assertions read the
 * DOM and do not depend on it.
 */
async function lendCjkFont(page: Page): Promise<void> {
  const ttf = firstFontOfCollection(readFileSync(join(process.cwd(), 'resources/fonts/wqy-microhei.ttc')));
  await page.route('**/__e2e-cjk.ttf', (route) => route.fulfill({ body: ttf, contentType: 'font/ttf' }));
  await page.addStyleTag({
    content:
      "@font-face { font-family: E2ECJK; src: url('/__e2e-cjk.ttf'); } * { font-family: sans-serif, E2ECJK !important; }",
  });
  await page.evaluate(() => document.fonts.load('16px E2ECJK', '中'));
}

test('a printer fault in the status bar reads in one language, in zh-CN and after Alt+L in English', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSignedIn(page, host);
  await lendCjkFont(page).catch((e: unknown) => console.log('[e2e font] not lent:', e));
  const printer = page.getByTestId('status-printer');
  await expect(printer).toContainText('故障');
  await printer.hover();
  const tip = page.getByRole('tooltip');
  await expect(tip).toContainText('找不到打印机“Gone_Printer_7”');
  for (const id of ITEMS) expect(await page.getByTestId(id).innerText(), id).not.toMatch(LATIN_WORDS);
  expect((await tip.innerText()).replace('Gone_Printer_7', '')).not.toMatch(LATIN_WORDS);
  await page.screenshot({ path: 'test-results/status-printer-zh.png' });

  await page.mouse.move(640, 400);
  await page.keyboard.press('Alt+L');
  await expect(printer).toContainText('Fault');
  await printer.hover();
  const tipEn = page.getByRole('tooltip').filter({ hasText: 'does not exist' });
  await expect(tipEn).toBeVisible();
  await expect(tipEn).toContainText('The printer "Gone_Printer_7" does not exist');
  for (const id of ITEMS) expect(await page.getByTestId(id).innerText(), id).not.toMatch(CJK);
  expect(await tipEn.innerText()).not.toMatch(CJK);
  await page.screenshot({ path: 'test-results/status-printer-en.png' });
});
