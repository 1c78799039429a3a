import { expect, test } from './fixtures';

test('the shell opens in Chinese with the training banner and status bar, and switches language', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('training-banner')).toContainText('培训');
  await expect(page.getByTestId('training-banner')).toContainText('TRAINING');
  const bar = page.getByTestId('status-bar');
  await expect(bar).toContainText('大厅');
  await expect(bar).toContainText('读卡器');
  await expect(bar).toContainText('打印机');
  await expect(bar).toContainText('共享平台');
  await expect(page.getByTestId('status-hall')).toContainText('T-01');
  // The secret leaves the address bar as soon as the page has read it.
  expect(page.url()).not.toContain('secret=');
  await page.screenshot({ path: 'test-results/shell-zh.png' });

  await page.getByTestId('lang-switch').click();
  await expect(bar).toContainText('Reader');
  await expect(page.getByTestId('training-banner')).toContainText('training mode');
  await page.screenshot({ path: 'test-results/shell-en.png' });

  await page.keyboard.press('Alt+L');
  await expect(bar).toContainText('读卡器');
});

test('F1 lists the keyboard shortcuts', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-bar')).toBeVisible();
  await page.keyboard.press('F1');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('键盘快捷键');
  await expect(dialog).toContainText('Alt+L');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the page refuses to work without the secret', async ({ page, host }) => {
  await page.goto(host.origin + '/');
  await expect(page.getByTestId('no-connection')).toContainText('请使用终端启动时打印的地址');
});
