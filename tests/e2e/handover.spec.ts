import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { api, openSignedIn, placeCard } from '../helpers/session';
import type { HostProcess } from '../helpers/host-process';

/**
 * Issue 9.2, as a newcomer found it: demo-clerk prints and signs out without F8, the card still on
 * the reader; the next user must not see that citizen's case.
 */
async function printAndSignOut(page: Page): Promise<void> {
  await placeCard(page, '张建国');
  await expect(page.getByTestId('license-111002')).toContainText('已验签');
  await page.keyboard.type('qjny');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('print-button')).toBeEnabled();
  await page.keyboard.press('F9');
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'completed', { timeout: 15_000 });
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in-submit')).toBeVisible();
}

async function signInOnPage(page: Page, host: HostProcess, userId: string): Promise<void> {
  await page.getByTestId('sign-in-user').fill(userId);
  await page.getByTestId('sign-in-password').fill('training-123');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('session-user')).toBeVisible();
  await expect
    .poll(async () => ((await api(host, 'status.get')).value as { session: { userId: string } | null }).session?.userId)
    .toBe(userId);
}

/** Registry fetches recorded under an account, read from the host's own database (read-only). */
function fetchesBy(host: HostProcess, userId: string): number {
  const db = new Database(join(host.dataDir, 'counter.db'), { readonly: true });
  try {
    return (
      db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'registry-fetch' AND actor = ?").get(userId) as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

test('clerk -> admin: the administrator sees no case, no citizen, no reprint or void', async ({ page, host }) => {
  await openSignedIn(page, host);
  await printAndSignOut(page);
  await signInOnPage(page, host, 'demo-admin');
  await expect(page.getByTestId('work-area')).toBeVisible();
  await expect(page.getByTestId('case-screen')).toHaveCount(0);
  await expect(page.getByTestId('resident-panel')).toHaveCount(0);
  await expect(page.getByTestId('no-case-role')).toBeVisible();
  await expect(page.getByTestId('job-reprint')).toHaveCount(0);
  await expect(page.getByTestId('job-void')).toHaveCount(0);
  // Placing another card under the admin opens nothing either.
  await placeCard(page, '王志强');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('case-screen')).toHaveCount(0);
  expect((await api(host, 'case.current')).value ?? null).toBeNull();
  expect(fetchesBy(host, 'demo-admin')).toBe(0);
  await page.screenshot({ path: 'test-results/handover-admin.png' });
});

test('clerk -> clerk: the card still on the reader opens a new case for the next clerk', async ({ page, host }) => {
  await openSignedIn(page, host);
  await printAndSignOut(page);
  await signInOnPage(page, host, 'demo-station');
  // A new case: the same citizen, but no item chosen, no serial, nothing to reprint or void.
  await expect(page.getByTestId('resident-name')).toContainText('张建国');
  await expect(page.getByTestId('item-search')).toBeVisible();
  await expect(page.getByTestId('case-serial')).toHaveCount(0);
  await expect(page.getByTestId('job-reprint')).toHaveCount(0);
  const cur = (await api(host, 'case.current')).value as { caseId: string; serial?: string } | null;
  expect(cur?.serial).toBeUndefined();
  await expect.poll(() => fetchesBy(host, 'demo-station')).toBe(1);
  await page.screenshot({ path: 'test-results/handover-clerk.png' });
});
