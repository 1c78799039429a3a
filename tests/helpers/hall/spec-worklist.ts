import { expect, type Locator, type Page } from '@playwright/test';
import type { HallWorklistTask } from '../../../protocol/hall-wire';
import { hallClient, pairWithHall, type HallClient } from '../../../electron/services/hall/client';
import { newPairingCode } from '../../../hall/auth';
import type { HallServer } from '../../../hall/server';
import type { HostProcess } from '../host-process';
import { api, openSignedIn } from '../session';

/**
 * The start of a shared-worklist spec: the host paired with the hall at `url` (the hall itself, or
 * a proxy to it), the station user builds the senior-card worklist on the screen, and the
 * station's other window (a second pairing of the same area, straight to the hall, as its client)
 * sees 陈德福's task. Returns his row on this screen, the other window, the worklist and his task
 * as the hall has it.
 */
export async function sharedSeniorWorklist(
  page: Page,
  host: HostProcess,
  hall: HallServer,
  url = hall.url,
): Promise<{ row: Locator; other: HallClient; id: string; chen: HallWorklistTask }> {
  expect((await api(host, 'auth.signIn', { userId: 'demo-admin', password: 'training-123' })).ok).toBe(true);
  const paired = await api(host, 'hall.pair', { url, code: await newPairingCode(hall.pool) });
  expect(paired.ok, JSON.stringify(paired)).toBe(true);
  await api(host, 'auth.signOut');

  await openSignedIn(page, host, 'demo-station');
  await page.keyboard.press('Alt+w');
  await page.getByTestId('worklist-programme').click();
  await page.locator('.ant-select-item-option', { hasText: '老年人优待证主动办' }).click();
  await page.getByTestId('worklist-start').click();
  const row = page.getByTestId('worklist-tasks').locator('tr', { hasText: '陈德福' });
  await expect(row).toBeVisible({ timeout: 30_000 });

  const other = hallClient(
    await pairWithHall(hall.url, await newPairingCode(hall.pool, '110901001'), '示范大厅/2号窗口', '110901001'),
  );
  const { rows } = await hall.pool.query<{ id: string }>('SELECT id FROM worklists');
  expect(rows.length).toBe(1);
  const id = rows[0]!.id;
  let chen: HallWorklistTask | undefined;
  await expect
    .poll(
      async () =>
        (chen = (await other.worklistTasks({ id, area: '110901001' })).tasks.find(
          (t) => (JSON.parse(t.person) as { name: string }).name === '陈德福',
        )),
      { timeout: 20_000 },
    )
    .toBeTruthy();
  return { row, other, id, chen: chen! };
}
