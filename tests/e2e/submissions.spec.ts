import { join } from 'node:path';
import { loadOrCreateDataKey, createCipher } from '../../electron/services/crypto';
import { openDatabase } from '../../electron/services/db/open';
import { enqueue, submission } from '../../electron/services/outbox';
import { commitCaseWithSubmission } from '../helpers/outbox/driver';
import { expect, test } from './fixtures';
import { api, openSignedIn, placeCard } from '../helpers/session';

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
    commitCaseWithSubmission(db, cipher, ob, {
      clerk,
      n: 2,
      itemName: '困难残疾人生活补贴',
      itemCode: '11110000000000000X-KN',
      form: {},
    });
    commitCaseWithSubmission(db, cipher, ob, {
      clerk,
      n: 3,
      itemName: '高龄津贴',
      itemCode: '11110000000000000X-GL',
      form: { incomeAboveLine: true },
    });
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

test('a case shows its submission live, and 办结 once the department approved it', async ({ page, host }) => {
  await openSignedIn(page, host);
  await placeCard(page, '张建国');
  await expect(page.getByTestId('item-search')).toBeFocused();
  const current = (await api(host, 'case.current')).value as { caseId: string };
  const db = openDatabase(join(host.dataDir, 'counter.db'));
  const cipher = createCipher(loadOrCreateDataKey(host.dataDir));
  try {
    enqueue(
      db,
      cipher,
      submission({
        caseId: current.caseId,
        department: 'DMCAB01',
        itemCode: '11110000000000000X-DB',
        itemName: '大病救助',
        hall: { id: 'TRAIN01', name: '示范市政务服务中心（培训）' },
        counter: 'T-01',
        clerk: { id: 'demo-clerk' },
        applicant: { idNumber: '110903196803121617', name: '张建国' },
        form: { illness: '重大疾病', bankAccount: '6222020200112233445' },
      }),
    );
  } finally {
    db.close();
  }
  const box = page.getByTestId('case-submissions');
  await expect(box).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('case-completion')).toHaveText('已办结', { timeout: 20_000 });
  await expect(box).toContainText('已批准');
  await page.screenshot({ path: shot('22-case-submissions-zh') });
});
