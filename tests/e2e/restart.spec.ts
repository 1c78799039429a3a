import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostProcess } from '../helpers/host-process';
import { printerTestSkipReason, startVirtualPrinter } from '../helpers/printer/virtual-printer';
import { startTestSandbox } from '../helpers/sandbox';
import { expect, test } from './fixtures';
import { openSignedIn, placeCard } from '../helpers/session';

const skip = printerTestSkipReason();

test('after a crash mid-print, the interrupted list shows the held job and clears itself once it prints', async ({
  browser,
}) => {
  if (skip) {
    console.log(`Restart e2e test NOT RUN: ${skip}.`);
    test.skip(true, `Restart e2e test not run: ${skip}`);
    return;
  }
  test.setTimeout(90_000);
  const sandbox = await startTestSandbox();
  const cups = await startVirtualPrinter();
  const dir = mkdtempSync(join(tmpdir(), 'counter-e2e-restart-'));
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      mode: 'training',
      hall: { id: 'E2E01', name: '重启演练大厅' },
      counter: 'R-01',
      registry: { url: sandbox.url, appKey: sandbox.appKey, appSecret: sandbox.appSecret },
      printer: { backend: 'cups', a4: cups.queue },
    }),
  );
  const env = { COUNTER_CONFIG: config, COUNTER_DATA_DIR: join(dir, 'data'), CUPS_SERVER: cups.cupsServer };
  const hosts: Awaited<ReturnType<typeof startHostProcess>>[] = [];
  try {
    const h = await startHostProcess(env);
    hosts.push(h);
    const page = await browser.newPage();
    await openSignedIn(page, h);
    await placeCard(page, '张建国');
    await expect(page.getByTestId('item-search')).toBeFocused();
    await page.keyboard.type('hjhy');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('print-button')).toBeEnabled();
    await cups.pause();
    await page.keyboard.press('F9');
    await expect(page.getByTestId('job-error')).toBeVisible({ timeout: 15_000 });
    const serial = (await page.getByTestId('case-serial').textContent())!.trim();
    h.proc.kill('SIGKILL');

    const h2 = await startHostProcess(env);
    hosts.push(h2);
    const page2 = await browser.newPage();
    await openSignedIn(page2, h2);
    await expect(page2.getByTestId(`interrupted-job-${serial}`)).toContainText('打印机已暂停', { timeout: 10_000 });
    await page2.screenshot({ path: 'test-results/interrupted-tracked.png' });
    await cups.resume();
    await expect(page2.getByTestId('interrupted')).toBeHidden({ timeout: 20_000 });
    expect((await cups.documents()).length).toBe(1);
  } finally {
    for (const x of hosts) x.proc.kill('SIGKILL');
    await cups.stop();
    await sandbox.stop();
  }
});
