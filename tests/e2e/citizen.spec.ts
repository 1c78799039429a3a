import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openSignedIn, placeCard } from '../helpers/session';

/**
 * Two Chromium pages at once, clerk and citizen (issue 12): the card is placed at the counter, the
 * citizen's screen shows the masked details and the 免提交 materials, a signature is drawn with the
 * mouse, F8 asks for a rating, the citizen gives 非常不满意 with a reason; the supervisor's list has
 * it with its deadline and the sandbox platform received it once. Screenshots of every state in zh
 * and en go to test-results/citizen/.
 */
const SHOTS = join(__dirname, '..', '..', 'test-results', 'citizen');

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const lang = page.getByRole('button', { name: /^(English|中文)$/ });
  await page.screenshot({ path: join(SHOTS, `${name}-zh.png`), fullPage: true });
  await lang.click();
  await page.screenshot({ path: join(SHOTS, `${name}-en.png`), fullPage: true });
  await lang.click();
}

test('a whole case seen from the citizen side, rated 非常不满意', async ({ page, host, browser }) => {
  const citizenUrl = /Citizen screen: (\S+)/.exec(host.output())?.[1];
  expect(citizenUrl).toBeTruthy();
  const citizen = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await citizen.goto(citizenUrl!);
  await openSignedIn(page, host);
  await expect(citizen.getByTestId('cz-idle')).toContainText('培训窗口人员');
  await shoot(citizen, '1-idle');

  await placeCard(page, '张建国');
  await expect(citizen.getByTestId('cz-name')).toContainText('张*国');
  await expect(citizen.getByTestId('cz-name')).not.toContainText('张建国');
  const c = await host.callOk('case.current', {});
  await host.callOk('case.chooseItem', { caseId: c!.caseId, itemCode: 'clean-energy-check' });
  await expect(citizen.getByTestId('cz-exempts')).toContainText('户口簿原件及复印件');
  await shoot(citizen, '2-case');

  await host.callOk('case.preview', { caseId: c!.caseId });
  const pad = citizen.getByTestId('cz-signature');
  await expect(pad).toBeVisible();
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await citizen.mouse.move(box.x + 40, box.y + 120);
  await citizen.mouse.down();
  for (let i = 0; i <= 30; i++) await citizen.mouse.move(box.x + 40 + i * 12, box.y + 120 + 50 * Math.sin(i / 3));
  await citizen.mouse.up();
  const inked = await pad.evaluate((el: HTMLCanvasElement) => {
    const d = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(100);
  await shoot(citizen, '3-confirm-signed');

  await host.callOk('case.askRating', { caseId: c!.caseId });
  await expect(citizen.getByTestId('cz-rating')).toBeVisible();
  await shoot(citizen, '4-rating');
  const rating = citizen.getByTestId('cz-rating');
  const groups = rating.getByRole('radiogroup');
  for (let g = 0; g < 4; g++) await groups.nth(g).getByRole('radio', { name: '非常不满意' }).click();
  await expect(rating.getByRole('button', { name: '提交评价' })).toBeDisabled();
  await rating.getByRole('button', { name: '等候时间长' }).click();
  await rating.getByRole('textbox').fill('排队一个小时');
  await shoot(citizen, '5-rating-bad');
  await rating.getByRole('button', { name: '提交评价' }).click();
  await expect(citizen.getByTestId('cz-case')).toBeVisible();
  expect(await host.callOk('case.ratingState', { caseId: c!.caseId })).toEqual({ state: 'rated' });

  await host.callOk('auth.signOut', {});
  await host.callOk('auth.signIn', { userId: 'demo-supervisor', password: 'training-123' });
  const list = await host.callOk('ratings.bad', {});
  expect(list.ratings).toHaveLength(1);
  expect(list.ratings[0]).toMatchObject({ caseId: c!.caseId, level: 5, reasons: ['等候时间长'] });
  expect(list.ratings[0]!.deadline).toMatch(/^\d{4}-\d\d-\d\d$/);
});
