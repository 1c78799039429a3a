import { hallForSpecs } from '../helpers/hall/spec-hall';
import { sharedSeniorWorklist } from '../helpers/hall/spec-worklist';
import { expect, test } from './fixtures';

const shot = (name: string) => `test-results/screens/${name}.png`;

/**
 * The worklist screen of a terminal paired with a hall for its station (training: 和平街道): the
 * worklist it builds goes to the hall; another terminal of the station (a second pairing, as its
 * hall client) takes 陈德福's task first; this terminal's click is told who took it, and the row
 * shows the task as the hall has it. The screenshots are looked at by hand.
 */
const h = hallForSpecs(test);

test('a shared worklist: a task taken at another terminal is shown as the hall has it', async ({ page, host }) => {
  test.setTimeout(120_000);
  const { row, other, id, chen } = await sharedSeniorWorklist(page, host, h.hall);
  const claim = await other.worklistClaim({ id, seq: chen.seq, version: chen.version, byUser: '王站员' });
  await other.worklistStep({ id, seq: chen.seq, version: claim.task.version, step: 'reached', byUser: '王站员' });

  const seq = (await row.locator('td').first().innerText()).trim();
  await page.getByTestId(`task-${seq}-reached`).click();
  const error = page.getByTestId('worklist-error');
  await expect(error).toContainText('示范大厅/2号窗口');
  await expect(error).toContainText('王站员');
  await expect(error).toContainText('已联系');
  await expect(row).toContainText('已联系');
  await page.screenshot({ path: shot('worklist-hall-taken-zh'), fullPage: true });

  // Now the task is as the hall has it: this terminal confirms it, through the hall.
  await page.getByTestId(`task-${seq}-confirm`).click();
  await expect(row).toContainText('已确认');
  const after = (await other.worklistTasks({ id, area: '110901001' })).tasks.find((t) => t.seq === chen.seq)!;
  expect(after.state).toBe('confirmed');

  await page.getByTestId('lang-switch').click();
  await page.getByTestId(`task-${seq}-output`).waitFor();
  await page.screenshot({ path: shot('worklist-hall-confirmed-en'), fullPage: true });
});
