import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { expect, startHostProcess, test, type HostProcess } from './fixtures';
import { openSignedIn, placeCard } from '../helpers/session';

let sandbox: TestSandbox;
let host: HostProcess;

test.beforeAll(async () => {
  sandbox = await startTestSandbox({ child: true });
  const dir = mkdtempSync(join(tmpdir(), 'counter-offline-'));
  const config = join(dir, 'config.json');
  // Training mode against a sandbox the test controls, so it can take the registry down.
  writeFileSync(
    config,
    JSON.stringify({
      mode: 'training',
      hall: { id: 'TRAIN02', name: '离线演练大厅' },
      counter: 'T-02',
      registry: { url: sandbox.url, appKey: sandbox.appKey, appSecret: sandbox.appSecret, timeoutMs: 1500 },
    }),
  );
  host = await startHostProcess({ COUNTER_CONFIG: config, COUNTER_DATA_DIR: join(dir, 'data') });
});

test.afterAll(async () => {
  host?.proc.kill('SIGTERM');
  await sandbox?.stop();
});

test('registry down: the certificate is issued from the cache and says "data as of"', async ({ page }) => {
  await openSignedIn(page, host);
  // First visit while online fills the encrypted cache.
  await placeCard(page, '张建国');
  await expect(page.getByTestId('license-111002')).toContainText('已验签', { timeout: 15_000 });
  await placeCard(page, '张建国');
  await expect(page.getByTestId('resident-panel')).toBeHidden({ timeout: 5000 });

  await sandbox.setFaults({ down: true });
  await placeCard(page, '张建国');
  await expect(page.getByTestId('license-111002')).toContainText('缓存', { timeout: 15_000 });
  await expect(page.getByTestId('registry-offline')).toBeVisible();
  await expect(page.getByTestId('status-registry')).toContainText('离线');
  await page.keyboard.type('qjny');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('check-registered-member')).toHaveAttribute('data-result', 'passed');
  await expect(page.getByTestId('check-address-in-program')).toHaveAttribute('data-result', 'passed');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'completed', { timeout: 15_000 });
  await page.screenshot({ path: 'test-results/case-offline.png' });

  const prints = join(host.dataDir, 'prints');
  const file = readdirSync(prints)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .pop()!;
  const text = execFileSync('pdftotext', [join(prints, file), '-'], { encoding: 'utf8' });
  expect(text).toMatch(/数据截至/);
  await sandbox.setFaults({ down: false });
});
