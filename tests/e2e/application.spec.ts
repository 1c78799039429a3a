import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openSignedIn, placeCard } from '../helpers/session';

const shots = 'test-results/screens';

/** Every key the clerk presses is counted: characters typed and single keys alike. */
class Keys {
  count = 0;
  constructor(private readonly page: Page) {}
  async type(text: string): Promise<void> {
    this.count += [...text].length;
    await this.page.keyboard.type(text);
  }
  async press(key: string): Promise<void> {
    this.count += 1;
    await this.page.keyboard.press(key);
  }
}

const latestPrint = (dataDir: string): string => {
  const dir = join(dataDir, 'prints');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort();
  return join(dir, files[files.length - 1]!);
};

test('a returning resident: care allowance form prefilled, approved while the clerk watches, receipt printed', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  mkdirSync(shots, { recursive: true });
  await openSignedIn(page, host);

  // First visit: the clerk types what no source has (phone, bank account).
  await placeCard(page, '钱秀兰');
  await expect(page.getByTestId('item-search')).toBeFocused();
  const first = new Keys(page);
  await first.type('zdcjrhlbt');
  await first.press('Enter');
  const form = page.getByTestId('application-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('source-name')).toHaveAttribute('data-source', 'card');
  await expect(page.getByTestId('source-disabilityGrade')).toHaveAttribute('data-source', 'license');
  await expect(page.getByTestId('source-phone')).toHaveAttribute('data-source', 'clerk');
  await expect(page.getByTestId('field-phone')).toBeFocused();
  await first.type('13912345678');
  await first.press('Enter');
  await first.press('Enter'); // bank: the hall default is fine
  await first.type('6222020200112233445');
  await first.press('F9');
  await expect(page.getByTestId('application-submitted')).toBeVisible({ timeout: 10_000 });
  await first.press('F8');
  await placeCard(page, '钱秀兰'); // the citizen takes the card back
  await expect(page.getByTestId('case-screen')).toHaveCount(0);
  // The reader sees the card go before it sees it come back (it polls).
  await page.waitForTimeout(1500);

  // Returning: the same person, a new case; only the item and F9.
  await placeCard(page, '钱秀兰');
  await expect(page.getByTestId('item-search')).toBeFocused();
  const again = new Keys(page);
  await again.type('zdcjrhlbt');
  await again.press('Enter');
  await expect(form).toBeVisible();
  for (const k of ['phone', 'bankAccount', 'bank'])
    await expect(page.getByTestId(`source-${k}`)).toHaveAttribute('data-source', 'case');
  await expect(page.getByTestId('field-phone')).toHaveValue('13912345678');
  await expect(page.getByTestId('to-type')).toContainText('0');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('application-submitted')).toHaveCount(0); // nothing goes before F9
  await page.screenshot({ path: `${shots}/30-application-form-returning.png` });
  await again.press('F9');
  await expect(page.getByTestId('application-submitted')).toBeVisible({ timeout: 10_000 });
  const formKeys = again.count - 'zdcjrhlbt'.length - 1;
  console.log(`keys typed in the form: first visit ${first.count - 10}, returning ${formKeys}`);
  expect(formKeys).toBeLessThanOrEqual(1);
  expect(first.count - 10).toBeGreaterThan(20);

  // Both departments decide while the clerk watches (training department: ~8 s).
  const subs = page.getByTestId('case-submissions');
  await expect(subs).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('case-completion')).toHaveText(/办结|已办结/, { timeout: 40_000 });
  await subs.scrollIntoViewIfNeeded();
  await subs.screenshot({ path: `${shots}/31-application-submissions.png` });

  await page.getByTestId('print-receipt').click();
  await expect
    .poll(
      () => {
        try {
          return execFileSync('pdftotext', ['-layout', latestPrint(host.dataDir), '-'], { encoding: 'utf8' });
        } catch {
          return '';
        }
      },
      { timeout: 15_000 },
    )
    .toContain('受理回执');
  const pdf = latestPrint(host.dataDir);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('残疾人证原件及复印件');
  expect(text).toMatch(/办件编号/);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, `${shots}/32-receipt`]);
});
