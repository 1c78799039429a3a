import { expect, startHostProcess, test } from './fixtures';
import { api, openSignedIn, placeCard } from '../helpers/session';

// A walk through every screen a clerk meets, each saved under test-results/screens/ for review.
const shot = (name: string) => `test-results/screens/${name}.png`;

test('sign-in screen, with the training accounts marked', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('sign-in-user')).toBeVisible();
  await expect(page.getByTestId('training-banner')).toBeVisible();
  await page.screenshot({ path: shot('01-sign-in') });
  await page.getByTestId('sign-in-user').fill('demo-clerk');
  await page.getByTestId('sign-in-password').fill('wrong-password');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toBeVisible();
  await page.getByTestId('sign-in-password').fill('training-123');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('session-user')).toContainText('Demo clerk');
  await expect(page.getByTestId('training-panel')).toBeVisible();
  await page.screenshot({ path: shot('02-idle') });
});

test('verify dialog reports a payload that is not a certificate QR', async ({ page, host }) => {
  await openSignedIn(page, host);
  await page.keyboard.press('F7');
  await page.getByTestId('verify-input').fill('CT1.not-a-real-payload');
  await page.getByTestId('verify-check').click();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'malformed');
  await page.screenshot({ path: shot('03-verify') });
});

test('manual entry checks the number and opens a case with a reason', async ({ page, host }) => {
  await openSignedIn(page, host);
  await page.keyboard.press('F6');
  await page.getByTestId('manual-id').fill('110903196803121618');
  await page.getByTestId('manual-name').fill('张建国');
  await page.getByTestId('manual-valid-to').fill('长期');
  await page.getByTestId('manual-reason').fill('证件芯片损坏，无法读卡');
  await page.getByTestId('manual-ok').click();
  await expect(page.getByRole('dialog').getByText('身份证号码校验位不正确')).toBeVisible();
  await page.screenshot({ path: shot('04-manual-bad-number') });
  await page.getByTestId('manual-id').fill('110903196803121617');
  await page.getByTestId('manual-ok').click();
  await expect(page.getByTestId('resident-name')).toContainText('张建国');
  await expect(page.getByTestId('case-screen')).toContainText('手工录入');
});

test('the case screen in English', async ({ page, host }) => {
  await openSignedIn(page, host);
  await page.getByTestId('lang-switch').click();
  await placeCard(page, '赵桂兰');
  await expect(page.getByTestId('license-111002')).toContainText('Verified', { timeout: 10_000 });
  await expect(page.getByTestId('license-111002')).toContainText('Household register');
  await expect(page.getByTestId('resident-fields')).toContainText('Han');
  await page.screenshot({ path: shot('05-case-en') });
});

test('lock hides personal data; unlocking needs the password', async ({ page, host }) => {
  await openSignedIn(page, host);
  await placeCard(page, '张建国');
  await expect(page.getByTestId('resident-name')).toContainText('张建国');
  await page.getByTestId('lock-now').click();
  await expect(page.getByTestId('unlock-password')).toBeVisible();
  expect(await page.content()).not.toContain('张建国');
  await page.screenshot({ path: shot('06-locked') });
  const r = await api(host, 'case.current');
  expect(r.ok).toBe(false);
  await page.getByTestId('unlock-password').fill('training-123');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('resident-name')).toContainText('张建国');
});

test('first run in production asks for an administrator; there are no default accounts', async ({ page }) => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'counter-prod-'));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ mode: 'production', hall: { id: 'BJ0105', name: '示范区政务服务中心' }, counter: 'A-07' }),
  );
  const host = await startHostProcess({ COUNTER_CONFIG: join(dir, 'config.json') });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('setup-user')).toBeVisible();
    await expect(page.getByTestId('training-banner')).toHaveCount(0);
    expect((await api(host, 'auth.signIn', { userId: 'demo-clerk', password: 'training-123' })).ok).toBe(false);
    await page.screenshot({ path: shot('07-setup') });
  } finally {
    host.proc.kill('SIGTERM');
  }
});

test('the item picker over the whole catalog: pinyin initials, departments, eligible first', async ({ page, host }) => {
  await openSignedIn(page, host);
  await placeCard(page, '钱秀兰');
  await expect(page.getByTestId('license-114001')).toContainText('已验签', { timeout: 15_000 });
  await page.getByTestId('item-search').fill('cj');
  await expect(page.getByTestId('item-severe-disability-care-allowance')).toContainText('残疾人联合会');
  await page.screenshot({ path: shot('07-items-catalog') });
});
