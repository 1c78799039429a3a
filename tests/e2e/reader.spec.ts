import { expect, test } from './fixtures';
import { measureCardToPanel, openSignedIn, placeCard } from '../helpers/session';

test('a demo card placed from the training panel shows the resident, and removing it clears the panel', async ({
  page,
  host,
}) => {
  await openSignedIn(page, host);
  await expect(page.getByTestId('status-reader')).toContainText('就绪');
  // Decoded fields on screen within 1 s of the card going on the reader is a figure of the `ui`
  // benchmark (ui.card_to_panel_ms_p95), not an assertion here: a loaded CI machine once took 1,074
  // ms. The time is still taken in the page (click to the mutation that shows the fields) and
  // reported with the test.
  const ms = await measureCardToPanel(page, '张建国', '1968-03-12');
  test.info().annotations.push({ type: 'card-to-panel-ms', description: String(ms) });
  console.log(`card placed -> resident panel: ${ms} ms`);
  const panel = page.getByTestId('resident-panel');
  await expect(page.getByTestId('resident-name')).toContainText('张建国');
  await expect(page.getByTestId('resident-number')).toHaveText('110903********1617');
  await expect(page.getByTestId('resident-fields')).toContainText('男');
  await expect(page.getByTestId('resident-fields')).toContainText('汉');
  await expect(page.getByTestId('resident-fields')).toContainText('1968-03-12');
  await expect(page.getByTestId('resident-fields')).toContainText('东庄村18号');
  // The full ID number never reaches the page.
  expect(await page.content()).not.toContain('110903196803121617');
  await expect(page.getByTestId('license-111001')).toContainText('已验签');
  await page.screenshot({ path: 'test-results/resident.png' });

  await placeCard(page, '张建国');
  await expect(panel).toBeHidden({ timeout: 3000 });
  await expect(page.getByTestId('work-area')).toContainText('请将身份证放在读卡器上');
});

test('an unplugged reader shows in the status bar and recovers', async ({ page, host }) => {
  await openSignedIn(page, host);
  await expect(page.getByTestId('status-reader')).toContainText('就绪');
  await page.getByTestId('fault-unplug').click();
  await expect(page.getByTestId('status-reader')).toContainText('已断开', { timeout: 5000 });
  await page.getByTestId('fault-unplug').click();
  await expect(page.getByTestId('status-reader')).toContainText('就绪', { timeout: 15000 });
});

test('a read failure (SW3 41) is retried and the card still appears', async ({ page, host }) => {
  await openSignedIn(page, host);
  await page.getByTestId('fault-read_failed').click();
  await placeCard(page, '李秀英');
  await expect(page.getByTestId('resident-name')).toContainText('李秀英', { timeout: 5000 });
});
