import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openSignedIn, placeCard } from '../helpers/session';

/**
 * A 低保 household application from the card to the check report, two Chromium pages at once:
 * the clerk asks each adult member's authorisation from the case screen's panel, the signatures
 * are drawn with the mouse on the citizen page's one signing box (one as a guardian), one member's paper form is
 * recorded with its reason, the check runs, and the report PDF is rasterised with pdftoppm to look
 * at. Screenshots and pages go to test-results/meanstest/.
 */
const OUT = join(__dirname, '..', '..', 'test-results', 'meanstest');

async function draw(page: Page, pad: Locator, wave: number): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i <= 25; i++)
    await page.mouse.move(box.x + 30 + i * 14, box.y + box.height / 2 + 40 * Math.sin(i / wave));
  await page.mouse.up();
}

test('a household application from card to report, signatures drawn on the citizen page', async ({
  page,
  host,
  browser,
}) => {
  mkdirSync(OUT, { recursive: true });
  const citizenUrl = /Citizen screen: (\S+)/.exec(host.output())?.[1];
  expect(citizenUrl).toBeTruthy();
  const citizen = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await citizen.goto(citizenUrl!);
  await openSignedIn(page, host);
  await placeCard(page, '孙卫东');
  await expect(page.getByTestId('resident-panel')).toContainText('孙卫东');
  const c = (await host.callOk('case.current', {}))!;
  await host.callOk('case.chooseItem', { caseId: c.caseId, itemCode: 'low-income-application' });
  const panel = page.getByTestId('means-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('means-consent-missing')).toContainText('孙卫东、李秀梅、张桂芝');

  // Nothing is queried before consent: the check refuses and names whose consent is missing.
  await panel.getByTestId('means-run').click();
  await expect(page.getByText(/尚未授权：孙卫东、李秀梅、张桂芝/).first()).toBeVisible();

  // 孙卫东 signs on the citizen screen: the one signing flow (citizen.view's sign, citizen.sign).
  const sign = citizen.getByTestId('cz-sign');
  await panel.getByTestId('means-sign-0').click();
  await expect(sign).toHaveAttribute('data-state', 'pending');
  await expect(sign).toContainText('居民家庭经济状况核对授权书');
  await expect(sign).toContainText('家庭成员 孙**');
  await citizen.screenshot({ path: join(OUT, 'citizen-authorisation.png'), fullPage: true });
  await draw(citizen, citizen.getByTestId('cz-signature'), 3);
  await sign.getByRole('button', { name: '确认签名' }).click();
  await expect(sign).toHaveAttribute('data-state', 'signed');
  await expect(panel.getByTestId('means-consent-0')).toContainText('已签名');

  // He signs again as the guardian of his mother (without capacity).
  await panel.getByTestId('means-guardian-3').click();
  await page.locator('.ant-select-item-option[title="孙卫东"]').click();
  await panel.getByTestId('means-sign-3').click();
  await expect(sign).toContainText('代为签名');
  await expect(sign).toHaveAttribute('data-state', 'pending');
  await draw(citizen, citizen.getByTestId('cz-signature'), 2);
  await sign.getByRole('button', { name: '确认签名' }).click();
  await expect(panel.getByTestId('means-consent-3')).toContainText('监护人 孙卫东');

  // 李秀梅 is not at the counter: her paper form is scanned later, with the reason.
  await panel.getByTestId('means-paper-1').click();
  await page.getByTestId('means-paper-reason').fill('在医院陪护，由家属带来已签字的纸质授权书');
  await page.getByTestId('means-paper-ok').click();
  await expect(panel.getByTestId('means-consent-1')).toContainText('纸质授权');
  await expect(panel.getByTestId('means-consent-missing')).toHaveCount(0);

  await panel.getByTestId('means-run').click();
  await expect(panel.getByTestId('means-conclusion')).toHaveText('符合');
  await expect(panel.getByTestId('means-figures')).toContainText('450.00');
  await expect(panel.getByTestId('means-findings').locator('tbody tr')).toHaveCount(28);
  await panel.screenshot({ path: join(OUT, 'clerk-panel-zh.png') });
  await page.keyboard.press('Alt+L');
  await expect(panel.getByTestId('means-conclusion')).toHaveText('Eligible');
  await expect(panel).toContainText('Household economic check');
  await panel.screenshot({ path: join(OUT, 'clerk-panel-en.png') });
  await page.keyboard.press('Alt+L');
  await expect(panel.getByTestId('means-conclusion')).toHaveText('符合');

  await panel.getByTestId('means-view-report').click();
  await expect(page.getByTestId('means-document')).toHaveAttribute('data-ready', 'yes');
  await page.screenshot({ path: join(OUT, 'report-modal.png') });

  for (const op of ['means.report', 'means.authorisation'] as const) {
    const pdf = Buffer.from((await host.callOk(op, { caseId: c.caseId })).pdfBase64, 'base64');
    const file = join(OUT, `${op.slice(6)}.pdf`);
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, file.replace(/\.pdf$/, '')]);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain(op === 'means.report' ? '核对结论：符合' : '居民家庭经济状况核对授权书');
    expect(text).not.toContain('110901198004120112');
  }
});

test('training panel: a source switched down makes the check unknown, switched back the re-run concludes', async ({
  page,
  host,
}) => {
  mkdirSync(OUT, { recursive: true });
  await openSignedIn(page, host);
  await placeCard(page, '周建国');
  await expect(page.getByTestId('resident-panel')).toContainText('周建国');
  const c = (await host.callOk('case.current', {}))!;
  await host.callOk('case.chooseItem', { caseId: c.caseId, itemCode: 'low-income-application' });
  const v = await host.callOk('means.view', { caseId: c.caseId });
  for (const m of v.members.filter((x) => x.adult))
    await host.callOk('means.recordPaper', { caseId: c.caseId, member: m.ref, reason: '纸质授权书已扫描' });
  const vehicle = page.getByTestId('econ-vehicle');
  await expect(vehicle).toHaveAttribute('data-down', 'no');
  await vehicle.click();
  await expect(vehicle).toHaveAttribute('data-down', 'yes');
  const panel = page.getByTestId('means-panel');
  await panel.getByTestId('means-run').click();
  await expect(panel.getByTestId('means-conclusion')).toHaveText('需人工复核');
  await expect(panel.getByTestId('means-sources-missing')).toContainText('车辆管理所');
  await page.getByTestId('econ-switches').screenshot({ path: join(OUT, 'training-econ-switches.png') });
  await vehicle.click();
  await expect(vehicle).toHaveAttribute('data-down', 'no');
  await panel.getByTestId('means-run').click();
  // 周建国's family car: back to 不符合 once the vehicle office answers again.
  await expect(panel.getByTestId('means-conclusion')).toHaveText('不符合');
  await expect(panel.getByTestId('means-sources-missing')).toHaveCount(0);
});
