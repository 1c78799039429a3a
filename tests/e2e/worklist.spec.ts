import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { openSignedIn } from '../helpers/session';

const shot = (name: string) => `test-results/screens/${name}.png`;

/**
 * The station's worklist screen in Chromium: Alt+W, build the senior-card worklist for 和平街道,
 * take 陈德福 through reached (button), confirm and output (keys on the highlighted row), delivered,
 * then export; the XLSX has him delivered with a masked ID number.
 */
test('station worklist: build, work a task by keys and buttons, export', async ({ page, host }) => {
  await openSignedIn(page, host, 'demo-station');
  await page.keyboard.press('Alt+w');
  await expect(page.getByTestId('worklist-screen')).toBeVisible();
  await page.getByTestId('worklist-programme').click();
  await page.locator('.ant-select-item-option', { hasText: '老年人优待证主动办' }).click();
  // The station's area comes from the config (training: 和平街道).
  await expect(page.getByTestId('worklist-area')).toHaveValue('110901001');
  // Left empty, the period is the programme's own, and the field says which.
  await expect(page.getByTestId('worklist-days')).toHaveAttribute('placeholder', '60');
  await expect(page.getByTestId('worklist-days')).toBeEnabled();
  await page.getByTestId('worklist-start').click();
  const tasks = page.getByTestId('worklist-tasks');
  const row = tasks.locator('tr', { hasText: '陈德福' });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('********');
  await page.screenshot({ path: shot('worklist-built-zh'), fullPage: true });

  const seq = (await row.locator('td').first().innerText()).trim();
  await page.getByTestId(`task-${seq}-reached`).click();
  await expect(row).toContainText('已联系');
  await row.locator('td').nth(1).click(); // highlight the row: the keys act on it
  await page.keyboard.press('Alt+c');
  await expect(row).toContainText('已确认');
  await page.keyboard.press('Alt+o');
  await expect(row).toContainText('已办结待送达', { timeout: 30_000 });
  await page.keyboard.press('Alt+s');
  await expect(row).toContainText('已送达');
  await expect(page.getByTestId('worklist-progress')).not.toContainText('0%');
  await page.screenshot({ path: shot('worklist-delivered-zh'), fullPage: true });

  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Alt+e')]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await dl.path())!) as unknown as ArrayBuffer);
  const rows: string[] = [];
  wb.getWorksheet('任务')!.eachRow((r) => rows.push((r.values as unknown[]).map((v) => String(v ?? '')).join('|')));
  const chen = rows.find((r) => r.includes('陈德福'))!;
  expect(chen).toContain('已送达');
  expect(chen).toMatch(/\d{6}\*{8}\d{3}[\dX]/);

  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('worklist-screen')).toContainText('Worklists');
  await expect(row).toContainText('Delivered');
  await page.screenshot({ path: shot('worklist-delivered-en'), fullPage: true });
});

/**
 * An application from a task: the care allowance for 钱秀兰. Alt+O first asks for what her form
 * has no source for (phone, bank account), then submits; a bad phone is refused in the dialog.
 */
test('station worklist: an application output asks for the missing form fields', async ({ page, host }) => {
  await openSignedIn(page, host, 'demo-station');
  await page.keyboard.press('Alt+w');
  await page.getByTestId('worklist-programme').click();
  await page.locator('.ant-select-item-option', { hasText: '重度残疾人护理补贴主动办' }).click();
  // Chosen by the licenses held, not by age: no period to give.
  await expect(page.getByTestId('worklist-days')).toBeDisabled();
  await page.getByTestId('worklist-start').click();
  const row = page.getByTestId('worklist-tasks').locator('tr', { hasText: '钱秀兰' });
  await expect(row).toBeVisible({ timeout: 30_000 });
  const seq = (await row.locator('td').first().innerText()).trim();
  await page.getByTestId(`task-${seq}-reached`).click();
  await expect(row).toContainText('已联系');
  await page.getByTestId(`task-${seq}-confirm`).click();
  await expect(row).toContainText('已确认');
  await page.getByTestId(`task-${seq}-output`).click();
  const dialog = page.getByTestId('worklist-output-fields');
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('output-field-disabilityGrade')).toHaveCount(0); // the license gave it
  await page.getByTestId('output-field-phone').fill('12345');
  await page.getByTestId('output-field-bankAccount').fill('6230123412341234');
  const bank = page.getByTestId('output-field-bank');
  if (await bank.count()) await bank.fill('示范市农商银行');
  await page.getByTestId('worklist-output-ok').click();
  await expect(dialog).toContainText('格式'); // the phone's pattern, refused before any call
  await page.getByTestId('output-field-phone').fill('13912345678');
  await page.screenshot({ path: shot('worklist-output-fields-zh'), fullPage: true });
  await page.getByTestId('worklist-output-ok').click();
  await expect(row).toContainText('已办结待送达', { timeout: 30_000 });
  await expect(page.getByTestId('worklist-error')).toHaveCount(0);
});
