import { hallClient, pairWithHall } from '../../electron/services/hall/client';
import type { CaseView, TrainingCardsView } from '../../electron/api/types';
import { newPairingCode } from '../../hall/auth';
import { hallForSpecs } from '../helpers/hall/spec-hall';
import { terminalDay } from '../helpers/hall/events';
import { rng, testSeed } from '../helpers/rng';
import { api } from '../helpers/session';
import { expect, test } from './fixtures';

/**
 * The supervisor's statistics screen in Chromium: one real terminal (the web host, paired through
 * its own API) with a real case, plus two more terminals' seeded days sent to the same hall, so the
 * charts have a hall's worth of numbers. The screenshot is looked at by hand.
 */
const h = hallForSpecs(test);

async function ok<T>(p: ReturnType<typeof api>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

test('the supervisor sees hall statistics with charts; a clerk sees their own today', async ({ page, host }) => {
  test.setTimeout(120_000);
  // The administrator pairs the terminal in its own dialog: a wrong code first, then the hall's.
  await ok(api(host, 'auth.signIn', { userId: 'demo-admin', password: 'training-123' }));
  await page.goto(host.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('hall-link-open').click();
  await page.getByTestId('hall-url').fill(h.hall.url);
  await page.getByTestId('hall-code').fill('12345678');
  await page.getByTestId('hall-pair').click();
  await expect(page.getByTestId('hall-link-error')).toContainText('refused the pairing code');
  await page.getByTestId('hall-code').fill(await newPairingCode(h.hall.pool));
  await page.getByTestId('hall-pair').click();
  await expect(page.getByTestId('hall-link-state')).toContainText(h.hall.url);
  await page.screenshot({ path: 'test-results/screens/hall-link-paired.png' });
  await ok(api(host, 'auth.signOut'));

  // A real case at this terminal: card, item, print.
  await ok(api(host, 'auth.signIn', { userId: 'demo-clerk', password: 'training-123' }));
  const cards = await ok<TrainingCardsView>(api(host, 'training.cards'));
  await ok(api(host, 'training.toggleCard', { id: cards.cards.find((c) => c.name === '张建国')!.id }));
  let c: CaseView | null = null;
  await expect
    .poll(async () => (c = await ok<CaseView | null>(api(host, 'case.current')))?.registry.state, { timeout: 20_000 })
    .toBe('done');
  await ok(api(host, 'case.chooseItem', { caseId: c!.caseId, itemCode: 'clean-energy-check' }));
  await ok(api(host, 'case.print', { caseId: c!.caseId }));

  // Two more windows of the hall, each with a seeded day of cases ending now.
  const r = rng(testSeed('hall stats e2e'));
  const dayStart = Date.parse(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) + 'T00:00:00+08:00');
  const hoursSoFar = Math.max(1, (Date.now() - dayStart) / 3600_000 - 8);
  for (const w of ['2', '3']) {
    const creds = await pairWithHall(h.hall.url, await newPairingCode(h.hall.pool), `W${w}`);
    const { events } = terminalDay(r, w, 40, dayStart - (10 - Math.min(10, hoursSoFar)) * 3600_000, [
      'k.wang',
      'k.li',
      'k.zhao',
    ]);
    const client = hallClient(creds);
    for (let i = 0; i < events.length; i += 200) await client.sendEvents(events.slice(i, i + 200));
  }

  // The real case reaches the hall through the audit tailer and the outbox.
  await expect
    .poll(
      async () =>
        Number((await h.hall.pool.query("SELECT count(*) n FROM events WHERE kind = 'printed'")).rows[0].n) > 0,
      {
        timeout: 15_000,
      },
    )
    .toBe(true);

  await ok(api(host, 'auth.signOut'));
  await ok(api(host, 'auth.signIn', { userId: 'demo-supervisor', password: 'training-123' }));
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await page.setViewportSize({ width: 1500, height: 1100 });
  await page.goto(host.url);
  await page.getByTestId('hall-stats-open').click();
  // The screen's chunk (ECharts) loads on first open.
  await expect(page.getByTestId('hall-stats')).toBeVisible({ timeout: 20_000 });
  const accepted = page.getByTestId('hall-count-accepted');
  await expect(accepted).not.toContainText(/^Accepted\s*0$/, { timeout: 15_000 });
  const total = Number((await accepted.locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));
  expect(total).toBeGreaterThanOrEqual(81);
  for (const id of ['hall-chart-hour', 'hall-chart-day', 'hall-chart-window'])
    await expect(page.getByTestId(id).locator('canvas')).toHaveCount(1);
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screens/hall-stats-supervisor.png', fullPage: true });

  // Export of a table: an XLSX file (zip).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('hall-export-window').click()]);
  expect(download.suggestedFilename()).toMatch(/^hall-window-.+\.xlsx$/);

  await page.getByRole('tab', { name: 'Satisfaction' }).click();
  await expect(page.getByTestId('hall-chart-satisfaction').locator('canvas')).toHaveCount(1);
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screens/hall-stats-satisfaction.png' });
  // Five levels and "not rated" in the breakdown's table.
  await expect(page.getByTestId('hall-table-satisfaction').locator('tbody tr')).toHaveCount(6);

  // The same screen in Chinese, the hall's language: looked at by hand.
  await page.keyboard.press('Alt+L');
  await expect(page.getByTestId('hall-table-satisfaction')).toContainText('非常满意');
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screens/hall-stats-satisfaction-zh.png' });
  await page.getByRole('tab', { name: '窗口' }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screens/hall-stats-supervisor-zh.png', fullPage: true });
  await page.keyboard.press('Alt+L');

  // A clerk: their own numbers for today only.
  await ok(api(host, 'auth.signOut'));
  await ok(api(host, 'auth.signIn', { userId: 'demo-clerk', password: 'training-123' }));
  await page.goto(host.url);
  await page.getByTestId('hall-stats-open').click();
  await expect(page.getByTestId('hall-own-scope')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('hall-count-accepted')).toContainText('1', { timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screens/hall-stats-clerk.png' });
});
