import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openSignedIn, placeCard } from '../helpers/session';

/** Clerk actions are counted where the clerk acts: each key chord or click below is one. */
class Clerk {
  actions = 0;
  constructor(private readonly page: Page) {}
  async type(text: string): Promise<void> {
    this.actions += 1;
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }
  async press(key: string): Promise<void> {
    this.actions += 1;
    await this.page.keyboard.press(key);
  }
  async click(testId: string): Promise<void> {
    this.actions += 1;
    await this.page.getByTestId(testId).click();
  }
}

function pdfText(dataDir: string): string {
  const dir = join(dataDir, 'prints');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort();
  return execFileSync('pdftotext', ['-layout', join(dir, files[files.length - 1]!), '-'], { encoding: 'utf8' });
}

test('the full clean-energy case in at most 3 clerk actions: qjny, preview, F9', async ({ page, host }) => {
  await openSignedIn(page, host);
  await placeCard(page, '张建国');
  await expect(page.getByTestId('item-search')).toBeFocused();
  // Licenses arrive while the clerk picks the item.
  await expect(page.getByTestId('license-111002')).toContainText('已验签');
  const clerk = new Clerk(page);
  await clerk.type('qjny');
  await expect(page.getByTestId('checklist')).toBeVisible();
  for (const id of [
    'card-valid',
    'registered-member',
    'property-at-address',
    'address-in-program',
    'not-issued-this-season',
  ]) {
    await expect(page.getByTestId(`check-${id}`)).toHaveAttribute('data-result', 'passed');
  }
  await clerk.press('F4');
  await expect(page.getByTestId('preview')).toHaveAttribute('data-ready', 'yes', { timeout: 10_000 });
  await page.screenshot({ path: 'test-results/case-preview.png' });
  await clerk.press('F9');
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'completed', { timeout: 15_000 });
  await expect(page.getByTestId('case-serial')).toContainText(/TRAIN01-T-01-\d{4}-\d{6}/);
  await page.screenshot({ path: 'test-results/case-printed.png' });
  expect(clerk.actions).toBeLessThanOrEqual(3);
  test.info().annotations.push({ type: 'clerk-actions', description: String(clerk.actions) });

  const text = pdfText(host.dataDir);
  expect(text).toContain('清洁能源（煤改电）住户核验证明');
  expect(text).toContain('张建国');
  expect(text).toContain('东庄村18号');
  expect(text).not.toContain('110903196803121617');
});

test('a resident who fails a rule sees the failed check and its reason, and printing is blocked', async ({
  page,
  host,
}) => {
  await openSignedIn(page, host);
  await placeCard(page, '王志强');
  await expect(page.getByTestId('license-111002')).toContainText('已验签');
  await page.keyboard.type('qjny');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-screen')).toContainText('清洁能源（煤改电）住户核验证明');
  const check = page.getByTestId('check-address-in-program');
  await expect(check).toHaveAttribute('data-result', 'failed');
  await expect(check).toContainText('北山村');
  await expect(page.getByTestId('print-blocked')).toBeVisible();
  await expect(page.getByTestId('print-button')).toBeDisabled();
  await page.keyboard.press('F9');
  await expect(page.getByTestId('job-panel')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/case-blocked.png' });
});

test('a tampered license shows as unverified and cannot back a certificate', async ({ page, host }) => {
  await openSignedIn(page, host);
  await placeCard(page, '周强');
  await expect(page.getByTestId('license-111001')).toContainText('验签未通过');
});

test('a supervisor at the counter approves a blocked case with a reason; the certificate says so', async ({
  page,
  host,
}) => {
  await openSignedIn(page, host);
  await placeCard(page, '王志强');
  await expect(page.getByTestId('license-111002')).toContainText('已验签');
  await page.keyboard.type('qjny');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('print-blocked')).toBeVisible();
  await page.getByTestId('override-open').click();
  await page.getByTestId('override-user').fill('demo-supervisor');
  await page.getByTestId('override-password').fill('wrong-password');
  await page.getByTestId('override-reason').fill('村委会证明该户已纳入本年度实施范围');
  await page.getByTestId('override-ok').click();
  await expect(page.getByRole('dialog')).toContainText('未获准');
  await page.getByTestId('override-password').fill('training-123');
  await page.getByTestId('override-ok').click();
  await expect(page.getByTestId('override-done')).toContainText('村委会证明');
  await expect(page.getByTestId('print-button')).toBeEnabled();
  await page.keyboard.press('F9');
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'completed', { timeout: 15_000 });
  const text = pdfText(host.dataDir);
  expect(text).toContain('村委会证明该户已纳入本年度实施范围');
  await page.screenshot({ path: 'test-results/case-override.png' });
});

test('the clerk can change the chosen item; the search box comes back focused and the new item takes', async ({
  page,
  host,
}) => {
  await openSignedIn(page, host);
  await placeCard(page, '张建国');
  await expect(page.getByTestId('item-search')).toBeFocused();
  await page.keyboard.type('qjny');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('checklist')).toBeVisible();
  await expect(page.getByTestId('case-screen')).toContainText('清洁能源（煤改电）住户核验证明');
  await page.getByTestId('change-item').click();
  await expect(page.getByTestId('item-search')).toBeFocused();
  await page.keyboard.type('hjhy');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('check-registered-member')).toHaveAttribute('data-result', 'passed');
  await expect(page.getByTestId('case-screen')).toContainText('户籍核验证明');
  await expect(page.getByTestId('check-property-at-address')).toHaveCount(0);
  await expect(page.getByTestId('print-button')).toBeEnabled();
});
