import { join } from 'node:path';
import { loadOrCreateDataKey, createCipher } from '../../electron/services/crypto';
import { openDatabase } from '../../electron/services/db/open';
import { enqueue } from '../../electron/services/outbox';
import { commitCaseWithSubmission } from '../helpers/outbox/driver';
import { expect, test } from './fixtures';
import { openSignedIn } from './session';

const shot = (name: string) => `test-results/screens/${name}.png`;

/**
 * Until the item flow creates submissions from the case screen, they are committed here straight
 * into the running terminal's database (a second SQLite connection, as a CLI would), with the
 * service API the flow will call. The host's outbox picks them up and the training department
 * (the sandbox the host started) decides them while the clerk watches.
 */
test('my submissions: decided by the training department while the clerk watches', async ({ page, host }) => {
  await openSignedIn(page, host);
  const db = openDatabase(join(host.dataDir, 'counter.db'));
  const cipher = createCipher(loadOrCreateDataKey(host.dataDir));
  const ob = { enqueue: (d: typeof db, m: Parameters<typeof enqueue>[2]) => enqueue(d, cipher, m) };
  try {
    const clerk = { id: 'demo-clerk' };
    commitCaseWithSubmission(db, cipher, ob, { clerk, n: 1 });
    commitCaseWithSubmission(db, cipher, ob, { clerk, n: 2, itemName: '困难残疾人生活补贴', itemCode: '11110000000000000X-KN', form: {} });
    commitCaseWithSubmission(db, cipher, ob, { clerk, n: 3, itemName: '高龄津贴', itemCode: '11110000000000000X-GL', form: { incomeAboveLine: true } });
  } finally {
    db.close();
  }
  const list = page.getByTestId('my-submissions');
  // Found by the outbox's idle sweep (≤ 5 s in training), accepted, then decided in 3-4 s.
  await expect(list).toBeVisible({ timeout: 20_000 });
  await expect(list.getByText('需补正')).toBeVisible({ timeout: 20_000 });
  await expect(list.getByText('不予批准')).toBeVisible({ timeout: 20_000 });
  await expect(list).toContainText('2 件需处理');
  await expect(list).toContainText('请补充发放补贴的银行账户');
  await page.screenshot({ path: shot('20-my-submissions-zh') });
  await page.keyboard.press('Alt+L');
  await expect(list).toContainText('2 need action');
  await page.screenshot({ path: shot('21-my-submissions-en') });
  // Handled: off the list.
  await list.getByRole('button', { name: 'Handled' }).first().click();
  await expect(list).toContainText('1 need action');
});
