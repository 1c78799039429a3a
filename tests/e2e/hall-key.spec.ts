import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { api } from '../helpers/session';

test('an administrator saves the hall key file for verifiers from the top bar', async ({ page, host }) => {
  const r = await api(host, 'auth.signIn', { userId: 'demo-admin', password: 'training-123' });
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'English' }).click(); // readable in the screenshot on a machine without CJK fonts
  const button = page.getByTestId('hall-key-export');
  await expect(button).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toMatch(/^trusted-hall-keys-.+\.json$/);
  const keys = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Array<Record<string, string>>;
  expect(keys).toHaveLength(1);
  expect(Object.keys(keys[0]!).sort()).toEqual(['hallName', 'keyId', 'publicKey']);
  expect(keys[0]!.publicKey).toMatch(/^04[0-9a-f]{128}$/i);
  await expect(button).toHaveText('Export hall key');
  await expect(page.getByText(download.suggestedFilename()).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/hall-key-export.png' });
});
