import { hallForSpecs } from '../helpers/hall/spec-hall';
import { sharedSeniorWorklist } from '../helpers/hall/spec-worklist';
import { startSwitchProxy } from '../helpers/hall/switch-proxy';
import { expect, test } from './fixtures';

const shot = (name: string) => `test-results/screens/${name}.png`;

/**
 * The worklist screen while the hall is down (docs/worklists.md, "Steps while the hall is down"):
 * this terminal reaches the hall through a proxy that is taken down; staff record that 陈德福 was
 * reached, and the row says the step is not at the hall yet. Meanwhile the station's other window
 * (a second pairing, straight to the hall) records that he declined. Once the hall is back the
 * queued step is refused there: the row shows the hall's state and a sentence saying which step
 * was not applied and who had moved the task. The screenshots are looked at by hand.
 */
const h = hallForSpecs(test);

test('a step recorded while the hall is down, then refused there: the row says so', async ({ page, host }) => {
  test.setTimeout(150_000);
  const u = new URL(h.hall.url);
  const proxy = await startSwitchProxy({ host: u.hostname, port: Number(u.port) });
  try {
    const { row, other, id, chen } = await sharedSeniorWorklist(page, host, h.hall, proxy.url);

    // The hall goes away for this terminal: the step is recorded here and queued.
    proxy.down();
    const seq = (await row.locator('td').first().innerText()).trim();
    await page.getByTestId(`task-${seq}-reached`).click();
    await expect(row).toContainText('已联系');
    await expect(page.getByTestId(`task-${seq}-pending`)).toContainText('未同步到大厅');
    await expect(page.getByTestId('worklist-error')).toHaveCount(0);
    await page.screenshot({ path: shot('worklist-offline-pending-zh'), fullPage: true });

    // The other window reaches the hall: the person declined when it called.
    const claim = await other.worklistClaim({ id, seq: chen.seq, version: chen.version, byUser: '王站员' });
    await other.worklistStep({ id, seq: chen.seq, version: claim.task.version, step: 'declined', byUser: '王站员' });

    proxy.up();
    const note = page.getByTestId(`task-${seq}-not-applied`);
    const listRow = page.getByTestId('worklist-lists').locator('tr', { hasText: id });
    await expect
      .poll(
        async () => {
          await listRow.click(); // reopens the worklist: the screen reads the task again
          return note.isVisible();
        },
        { timeout: 60_000, intervals: [1000] },
      )
      .toBe(true);
    await expect(note).toContainText('离线记录的“已联系”未同步');
    await expect(note).toContainText('示范大厅/2号窗口');
    await expect(note).toContainText('王站员');
    await expect(note).toContainText('已谢绝');
    await expect(row).toContainText('已谢绝');
    await expect(page.getByTestId(`task-${seq}-pending`)).toHaveCount(0);
    await page.screenshot({ path: shot('worklist-offline-not-applied-zh'), fullPage: true });

    await page.getByTestId('lang-switch').click();
    await expect(note).toContainText('was not applied');
    await page.screenshot({ path: shot('worklist-offline-not-applied-en'), fullPage: true });

    // Read: the note folds away, the task stays as the hall has it.
    await page.getByTestId(`task-${seq}-ack`).click();
    await expect(note).toHaveCount(0);
    await expect(row).toContainText('Declined');
    await page.getByTestId('lang-switch').click();
    await expect(row).toContainText('已谢绝');
    await page.screenshot({ path: shot('worklist-offline-read-zh'), fullPage: true });
  } finally {
    await proxy.close();
  }
});
