import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { maskIdNumber } from '../../protocol/id-mask';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { expect, startHostProcess, test, type HostProcess } from './fixtures';
import { openSignedIn } from '../helpers/session';
import { schoolList, type SchoolList } from '../helpers/school-list';

const SCREENS = 'test-results/screens';
const shot = (name: string) => `${SCREENS}/${name}.png`;
const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Picks an option of an antd Select by its text, in the one dropdown open. */
async function pick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible').getByText(text, { exact: true }).click();
  // The next dropdown is found as "the visible one": wait for this one to finish closing.
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

// The sandbox runs in this process, so the list is built from its own deterministic world: the
// children of its households with their parents, a stranger named as one father, one father's
// number typed wrong, one mother left out. The terminal (web host) runs as a child process.
let sb: SandboxHandle;
let host: HostProcess;
let list: SchoolList;
test.beforeAll(async () => {
  sb = await startSandbox({ port: 0, residents: 8000, appKey: 'sch-app', appSecret: 'sch-secret', adminSecret: 'a' });
  list = schoolList(sb.data.world, localDay(new Date()), { real: 1000 });
  const dir = mkdtempSync(join(tmpdir(), 'counter-school-e2e-'));
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      mode: 'training',
      hall: { id: 'SCHOOL01', name: '入学资格批量核验演练' },
      counter: 'B-10',
      registry: { url: sb.url, appKey: sb.appKey, appSecret: sb.appSecret },
    }),
  );
  host = await startHostProcess({ COUNTER_CONFIG: config, COUNTER_DATA_DIR: join(dir, 'data') });
});
test.afterAll(async () => {
  host?.proc.kill('SIGTERM');
  await sb?.close();
});

test('school enrolment: map the parents, run, read whose conditions failed, export the XLSX', async ({ page }) => {
  test.setTimeout(180_000);
  mkdirSync(SCREENS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'school-e2e-'));
  // The mother's column is headed so the guess misses it: the clerk maps it by hand.
  const file = join(dir, '一年级入学申请名单.csv');
  writeFileSync(file, list.csv.replace('母亲身份证号码', '妈妈的证件'));
  await openSignedIn(page, host, 'demo-station');
  await page.getByTestId('batch-open').click();
  await expect(page.getByTestId('batch-screen')).toBeVisible();
  await page.screenshot({ path: shot('school-01-import-zh') });
  await page.locator('.ant-upload input[type=file]').setInputFiles(file);

  // The mapping step: the item that reads the parents is offered first; the mother's column is
  // missing, so the step says what is needed and will not start.
  await expect(page.getByTestId('batch-item')).toContainText('义务教育入学资格核验');
  const needs = page.getByTestId('batch-map-needs');
  await expect(needs).toContainText('8 项条件核验父母');
  await expect(needs).toContainText('母亲身份证号码列');
  await page.getByTestId('batch-reason').fill('2026 年秋季一年级入学资格核验');
  await expect(page.getByTestId('batch-start')).toBeDisabled();
  await page.keyboard.press('Alt+S'); // refused like the button: still the mapping step
  await expect(page.getByTestId('batch-preview')).toBeVisible();
  await page.screenshot({ path: shot('school-02-map-missing-zh') });

  await pick(page, 'batch-map-motherIdNumber', '5. 妈妈的证件');
  await expect(needs).not.toContainText('请选择');
  const preview = page.getByTestId('batch-preview');
  await expect(preview).toContainText('父亲身份证号码有误');
  await expect(preview).toContainText(maskIdNumber(list.stranger.idNumber));
  await expect(preview).toContainText('未列出'); // the family with no mother named
  for (const f of list.families.slice(0, 5))
    for (const p of [f.child, f.father, f.mother]) await expect(preview).not.toContainText(p.idNumber);
  await expect(page.getByTestId('batch-start')).toBeEnabled();
  await page.screenshot({ path: shot('school-03-map-zh'), fullPage: true });
  await page.keyboard.press('Alt+L');
  await expect(needs).toContainText('checks 8 conditions on the parents');
  await expect(preview).toContainText("Father's ID number malformed");
  await page.screenshot({ path: shot('school-03-map-en'), fullPage: true });
  await page.keyboard.press('Alt+L');
  await expect(needs).toContainText('8 项条件核验父母');

  // The run, slowed so the bar is seen moving (about 3,000 people, 100 a call); started, paused
  // and resumed with the steps' shortcuts.
  sb.setFaults({ latencyMs: 1500 });
  await page.keyboard.press('Alt+S');
  await expect(page.getByTestId('batch-run')).toBeVisible();
  await expect(page.getByTestId('batch-rate')).toContainText('行/秒', { timeout: 10_000 });
  // A few chunks in: the bar has moved and the rate and time left are known.
  await expect(page.getByTestId('batch-rate')).toContainText(/已完成 \d{3,} \/ 1003 行 · [1-9]/, { timeout: 30_000 });
  // Time left in words, not "8s" or "1:60".
  await expect(page.getByTestId('batch-rate')).toContainText(/剩余约 (\d+ 分 )?\d+ 秒$/);
  await page.screenshot({ path: shot('school-04-running-zh') });
  await page.keyboard.press('Alt+P');
  await expect(page.getByTestId('batch-state')).toHaveText('已暂停', { timeout: 15_000 });
  sb.setFaults({});
  await page.keyboard.press('Alt+P');

  // The report: one verdict per person a row; the detail names whose each condition is.
  const report = page.getByTestId('batch-report');
  await expect(report).toBeVisible({ timeout: 120_000 });
  const rows = page.getByTestId('batch-rows');
  await expect(rows).toContainText('父亲的条件');
  await page.screenshot({ path: shot('school-05-report-zh') });
  const strangerRow = rows.locator('tr.ant-table-row').nth(list.lines.stranger - 1);
  await strangerRow.locator('.ant-table-row-expand-icon').click();
  const detail = page.getByTestId(`batch-detail-${list.lines.stranger}`);
  await expect(detail).toContainText(`父亲的条件 · ${maskIdNumber(list.stranger.idNumber)}`);
  await expect(detail).toContainText('母亲的条件');
  await expect(detail.locator('li', { hasText: '父亲与儿童同户' })).toContainText('不通过');
  await expect(detail).not.toContainText(list.stranger.idNumber);
  await page.screenshot({ path: shot('school-06-detail-zh'), fullPage: true });
  await strangerRow.locator('.ant-table-row-expand-icon').click();

  // Filters: the bad line says whose number is wrong; a parent's condition filters like any other.
  await pick(page, 'batch-filter-outcome', '输入有误');
  await expect(rows.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(rows).toContainText('父亲身份证号码有误');
  await pick(page, 'batch-filter-outcome', '不通过');
  // The conditions are offered by whose they are.
  await page.getByTestId('batch-filter-rule').click();
  const menu = page.locator('.ant-select-dropdown:visible');
  await expect(menu).toContainText('父亲的条件');
  await page.screenshot({ path: shot('school-07-conditions-zh') });
  await menu.getByText('父亲与儿童同户', { exact: true }).click();
  await expect(menu).toHaveCount(0);
  await expect(rows.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(rows).toContainText(list.families[2]!.child.name);
  await page.screenshot({ path: shot('school-07-filtered-zh') });

  // The XLSX, through the report's shortcut, read back with exceljs.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Alt+E')]);
  const xlsxFile = join(dir, 'report.xlsx');
  await xlsx.saveAs(xlsxFile);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxFile);
  expect(wb.worksheets).toHaveLength(15);
  expect(wb.worksheets[0]!.name).toBe('汇总');
  expect(wb.worksheets.at(-1)!.name).toBe('输入有误');
  // A text copy of every sheet beside the screenshots, to be read by a person.
  const dump: string[] = [];
  for (const ws of wb.worksheets) {
    dump.push(`## ${ws.name}`);
    ws.eachRow((r, i) => {
      if (i <= 8 || ws.name === '汇总' || ws.name === '输入有误')
        dump.push((r.values as unknown[]).slice(1).join(' | '));
    });
  }
  writeFileSync(`${SCREENS}/school-08-report.xlsx.txt`, dump.join('\n') + '\n');
  const father = wb.getWorksheet('父亲与儿童同户')!;
  expect((father.getRow(1).values as unknown[]).slice(1, 5)).toEqual([
    '行号',
    '儿童姓名',
    '儿童身份证号码',
    '父亲身份证号码',
  ]);
  const at = list.lines.stranger;
  let line: unknown[] = [];
  father.eachRow((r) => {
    if (r.getCell(1).value === at) line = (r.values as unknown[]).slice(1);
  });
  expect(line.slice(3, 5)).toEqual([maskIdNumber(list.stranger.idNumber), '不通过']);
  const bad = wb.getWorksheet('输入有误')!;
  expect(bad.getRow(2).getCell(6).value).toBe('父亲身份证号码有误');
  expect(dump.join('\n')).not.toMatch(/\d{17}[\dX]/);

  // The signed PDF summary, rendered to PNG to be looked at: its conditions name whose they are.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-pdf').click()]);
  const pdfFile = join(dir, 'summary.pdf');
  await pdf.saveAs(pdfFile);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
  expect(text).toContain('父亲与儿童同户');
  expect(text).toContain('输入有误');
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfFile, `${SCREENS}/school-08-summary-pdf`]);

  // The report in English, a detail open.
  await page.keyboard.press('Alt+L');
  await expect(report).toContainText("Father's conditions");
  await rows.locator('tr.ant-table-row').first().locator('.ant-table-row-expand-icon').click();
  await page.screenshot({ path: shot('school-09-report-en'), fullPage: true });
  await page.keyboard.press('Alt+L');
});
