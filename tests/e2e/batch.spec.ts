import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import demo from '../../resources/sandbox/demo-residents.json';
import { idCheckDigit } from '../../protocol/id-number';
import { expect, startHostProcess, test, type HostProcess } from './fixtures';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';
import { openSignedIn } from '../helpers/session';

const shot = (name: string) => `test-results/screens/${name}.png`;

/**
 * A list of the demo residents (who hold licenses) then made-up valid numbers (the registry has
 * none: they fail the license condition), with one malformed and one duplicate line: long enough
 * that the progress bar is seen moving and the run can be paused.
 */
function writeList(dir: string, n: number): string {
  const people = demo.filter((d) => d.cardKind === 'resident');
  const lines = ['序号,姓名,身份证号码'];
  people.forEach((p, i) => {
    lines.push(`${i + 1},${p.name},${p.idNumber}`);
    // In the preview's first lines: a check digit wrong, then a number already listed.
    if (i === 1) lines.push('x,某人,110101198001010054', `y,${people[0]!.name},${people[0]!.idNumber}`);
  });
  for (let i = 0; lines.length <= n; i++) {
    const first = `110901${1930 + (i % 80)}0${1 + (i % 9)}1${i % 9}${String(i % 1000).padStart(3, '0')}`;
    lines.push(`${lines.length},居民${i},${first}${idCheckDigit(first)}`);
  }
  const file = join(dir, '入学申请名单.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

// A registry the test controls: it answers slowly while the run is to be paused, so the pause is
// seen on any machine (unslowed, a quiet machine checks the whole list before the click lands).
let sandbox: TestSandbox;
let host: HostProcess;
test.beforeAll(async () => {
  sandbox = await startTestSandbox({ child: true });
  const dir = mkdtempSync(join(tmpdir(), 'counter-batch-e2e-'));
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      mode: 'training',
      hall: { id: 'BATCH01', name: '批量核验演练' },
      counter: 'B-09',
      registry: { url: sandbox.url, appKey: sandbox.appKey, appSecret: sandbox.appSecret },
    }),
  );
  host = await startHostProcess({ COUNTER_CONFIG: config, COUNTER_DATA_DIR: join(dir, 'data') });
});
test.afterAll(async () => {
  host?.proc.kill('SIGTERM');
  await sandbox?.stop();
});

test('batch check: import, map columns, run with the progress bar, filter, open the reports', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'batch-e2e-'));
  const list = writeList(dir, 3_000);
  await openSignedIn(page, host, 'demo-station');
  await page.getByTestId('batch-open').click();
  await expect(page.getByTestId('batch-screen')).toBeVisible();
  await page.locator('.ant-upload input[type=file]').setInputFiles(list);

  // The mapping step: the columns guessed from the header words, the preview read through them.
  const preview = page.getByTestId('batch-preview');
  await expect(preview).toContainText('张建国');
  await expect(preview).toContainText('身份证号码有误');
  await expect(preview).toContainText('重复');
  await expect(preview).not.toContainText(demo[0]!.idNumber);
  await page.getByTestId('batch-reason').fill('老年人优待证批量资格核验');
  await page.screenshot({ path: shot('batch-01-map-zh') });
  await sandbox.setFaults({ latencyMs: 1500 });
  await page.getByTestId('batch-start').click();

  // The run: the bar moves, with a rate and time left; pause and resume.
  await expect(page.getByTestId('batch-run')).toBeVisible();
  await expect(page.getByTestId('batch-rate')).toContainText('行/秒', { timeout: 10_000 });
  await expect(page.getByTestId('batch-rate')).not.toContainText('已完成 0 /', { timeout: 10_000 });
  await page.screenshot({ path: shot('batch-02-running-zh') });
  await page.getByTestId('batch-pause').click();
  await expect(page.getByTestId('batch-state')).toHaveText('已暂停', { timeout: 15_000 });
  // The tally beside the bar: the rows so far by outcome, adding up to the rows done (polled: the
  // rows in flight at the pause land just after it).
  const shown = async (id: string) => Number((await page.getByTestId(id).innerText()).replace(/\D/g, ''));
  const tallyAndDone = async () => {
    const tally = await Promise.all(['passed', 'failed', 'unknown', 'bad-input'].map((o) => shown(`batch-tally-${o}`)));
    const done = Number(/已完成 (\d+)/.exec(await page.getByTestId('batch-rate').innerText())?.[1]);
    return { sum: tally.reduce((a, b) => a + b, 0), done, badInput: tally[3] };
  };
  await expect.poll(async () => ((t) => t.sum === t.done && t.done > 0)(await tallyAndDone())).toBe(true);
  // The list's two bad lines (a malformed number, a repeat) are near its top.
  expect((await tallyAndDone()).badInput).toBe(2);
  await page.screenshot({ path: shot('batch-03-paused-zh') });
  await sandbox.setFaults({});
  await page.getByTestId('batch-resume').click();

  // The report: counts, the rows with a verdict per condition, filters.
  const report = page.getByTestId('batch-report');
  await expect(report).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('batch-rows')).toContainText('张建国');
  await page.screenshot({ path: shot('batch-04-report-zh') });
  await page.getByTestId('batch-filter-outcome').click();
  await page.locator('.ant-select-dropdown').getByText('输入有误', { exact: true }).click();
  await expect(page.getByTestId('batch-rows')).toContainText('身份证号码有误');
  await expect(page.getByTestId('batch-rows').locator('tbody tr.ant-table-row')).toHaveCount(2);
  await page.screenshot({ path: shot('batch-05-bad-input-zh') });

  // The XLSX: a summary and a sheet per condition, opened with exceljs.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-xlsx').click()]);
  const xlsxFile = join(dir, 'report.xlsx');
  await xlsx.saveAs(xlsxFile);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxFile);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '已达老年人优待年龄', '电子证照已调取', '输入有误']);
  const sum = wb.getWorksheet('汇总')!;
  const total = [2, 3, 4, 5].reduce((a, r) => a + Number(sum.getRow(r).getCell(2).value), 0);
  expect(total).toBe(3_000);
  expect(sum.getRow(5).getCell(2).value).toBe(2);

  // The PDF: signed summary, rendered to PNG to be looked at.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-pdf').click()]);
  const pdfFile = join(dir, 'summary.pdf');
  await pdf.saveAs(pdfFile);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
  expect(text).toContain('批量核验结果汇总');
  expect(text).toContain('共核验 3000 行');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdfFile, 'test-results/screens/batch-06-summary-pdf']);
  expect(readdirSync('test-results/screens')).toContain('batch-06-summary-pdf.png');

  await page.keyboard.press('Alt+L');
  await expect(report).toContainText('Bad input');
  await page.screenshot({ path: shot('batch-07-report-en') });
});
