import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { getDocument } from '../../../electron/services/cases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, type Fixture } from '../../helpers/core';
import { printerTestSkipReason, startVirtualPrinter, type VirtualPrinter } from '../../helpers/printer/virtual-printer';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { until } from '../../helpers/until';

const run = promisify(execFile);
const skip = printerTestSkipReason();
if (skip) console.warn(`worklist end to end skipped: ${skip}`);

interface Demo {
  idNumber: string;
  name: string;
}

/**
 * Issue 14 §1: a station user starts the senior-card worklist for 和平街道; the sandbox's demo
 * senior 陈德福 (turns 65 in 45 days) is on it, is reached and confirms, gets a card printed on a
 * real CUPS queue with the registry's photo (the virtual card printer lists CR80, so the job completes), is marked delivered with a signature, and the
 * worklist exports to XLSX with his ID number masked.
 */
describe.skipIf(!!skip)('a senior-card worklist from start to delivery', () => {
  let sandbox: TestSandbox;
  let cups: VirtualPrinter;
  let f: Fixture;
  let demo: Demo[];
  let cupsBefore: string | undefined;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    cups = await startVirtualPrinter({ card: true });
    cupsBefore = process.env.CUPS_SERVER;
    process.env.CUPS_SERVER = cups.cupsServer;
    f = await makeCore({
      boot: {
        registry: sandbox,
        printerQueue: cups.queue,
        cardQueue: cups.queue,
        hallId: 'WL01',
        stationArea: '110901001',
      },
    });
    await f.signInAs('demo-station', 'training-123');
    demo = ((await (await fetch(new URL('sandbox/demo-residents', sandbox.url))).json()) as { residents: Demo[] })
      .residents;
  }, 120_000);
  afterAll(async () => {
    await f?.close();
    await cups?.stop();
    await sandbox?.stop();
    if (cupsBefore === undefined) delete process.env.CUPS_SERVER;
    else process.env.CUPS_SERVER = cupsBefore;
  });

  const idOf = (name: string) => demo.find((d) => d.name === name)!.idNumber;

  it('the senior is found, confirmed, gets a card with the registry photo, is delivered, and the list exports', async () => {
    const programmes = await f.callOk('worklist.programmes');
    expect(programmes.map((p) => p.code)).toEqual(
      expect.arrayContaining(['senior-card-65', 'severe-disability-care', 'longevity-80']),
    );
    const wl = await f.callOk('worklist.start', { programme: 'senior-card-65', area: '110901001' });
    expect(wl.state).toBe('ready');
    expect(wl.id).toMatch(/^WL-WL01-\d{8}-001$/);
    const view = await f.callOk('worklist.view', { id: wl.id });
    const chen = view.tasks.find((t) => t.name === '陈德福');
    expect(chen, JSON.stringify(view.tasks.map((t) => t.name))).toBeDefined();
    expect(chen!.idMasked).toBe(`${idOf('陈德福').slice(0, 6)}********${idOf('陈德福').slice(-4)}`);
    expect(chen!.address).toContain('幸福社区'); // a home visit: the address is shown
    expect(chen!.age).toBe(64);
    expect(JSON.stringify(view)).not.toContain(idOf('陈德福'));
    // Nobody already holding a senior card, nobody not turning 65 within the window.
    expect(view.tasks.some((t) => t.name === '赵桂兰' || t.name === '钱秀兰')).toBe(false);

    // The registry saw the worklist number as the case number and 主动服务 as the reason.
    const registry = f.core.services.registry!;
    const usage = {
      organisation: 'test',
      clerk: 'demo-station',
      itemName: '查询',
      itemCode: 'USAGE-QUERY',
      caseNumber: 'T-1',
      reason: '测试核对使用记录',
    };
    const records = await registry.usageRecords(idOf('陈德福'), usage);
    const pop = records.filter((r) => r.path === '/v1/population');
    expect(pop.length).toBe(1);
    expect(pop[0]!.caseNumber).toBe(wl.id);
    expect(pop[0]!.reason.startsWith('主动服务')).toBe(true);

    // Steps: a wrong one is refused with a typed error, the right ones move the task on.
    const early = await f.call('worklist.deliver', { taskId: chen!.id });
    expect(early.ok || early.error.code).toBe('WORKLIST_TASK_STEP');
    await f.callOk('worklist.assign', { taskIds: [chen!.id], userId: 'demo-station' });
    expect((await f.callOk('worklist.step', { taskId: chen!.id, step: 'reached', note: '电话联系' })).state).toBe(
      'reached',
    );
    expect((await f.callOk('worklist.step', { taskId: chen!.id, step: 'confirm' })).state).toBe('confirmed');

    const made = await f.callOk('worklist.output', { taskId: chen!.id });
    expect(made.state).toBe('output-made');
    expect(made.caseId).toBeTruthy();
    expect(made.outputRef).toMatch(/\d/);
    // The card went through the desk's print path to the real CUPS queue, and the device (which
    // lists the CR80 size) printed it: the job completed and the device kept the card's PDF.
    const cupsEnv = { env: { ...process.env, CUPS_SERVER: cups.cupsServer } };
    const done = await until(
      'the card job completed at the printer',
      async () => {
        const { stdout } = await run('lpstat', ['-W', 'completed', '-o', cups.queue], cupsEnv);
        return stdout.trim() ? stdout : null;
      },
      { timeoutMs: 30_000 },
    ).catch(async (e: Error) => {
      const { stdout } = await run('lpstat', ['-l', '-W', 'all', '-o', cups.queue], cupsEnv);
      throw new Error(`${e.message}\n${stdout}\n${cups.logs().slice(-1500)}`);
    });
    expect(done).toContain(cups.queue);
    const { stdout: pending } = await run('lpstat', ['-W', 'not-completed', '-o', cups.queue], cupsEnv);
    expect(pending.trim()).toBe('');
    const received = await until('the card PDF at the device', async () => {
      const docs = await cups.documents();
      return docs.length ? docs : null;
    }).catch(async (e: Error) => {
      throw new Error(`${e.message}: ${(await readdir(cups.spoolDir, { recursive: true })).join(', ')}`);
    });
    expect(received.length).toBe(1);
    // What the device got is the card itself: one CR80 page (85.6 x 54 mm = 242.6 x 153.1 pt).
    const { stdout: info } = await run('pdfinfo', [join(cups.spoolDir, received[0]!)]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    expect([Number(size[1]), Number(size[2])].sort((a, b) => a - b).map(Math.round)).toEqual([153, 243]);
    // The stored, signed document of the serial (what the spooler got): a CR80 card with the registry's portrait.
    const doc = getDocument<{ data: { serial: string; holderName?: string }; photo?: string; page: string }>(
      f.core.db,
      f.core.services.cipher!,
      made.caseId!,
    )!;
    expect(doc.page).toBe('CR80');
    expect(doc.data.serial).toBe(made.outputRef);
    const photo = Buffer.from(doc.photo ?? '', 'base64');
    expect(photo.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(photo.length).toBeGreaterThan(500);

    const delivered = await f.callOk('worklist.deliver', {
      taskId: chen!.id,
      note: '上门送达',
      signature: { pngBase64: Buffer.from('fake-png-of-a-signature').toString('base64') },
    });
    expect(delivered.state).toBe('delivered');
    expect(delivered.deliveredBy).toBe('demo-station');
    expect(delivered.signed).toBe(true);
    expect(delivered.history.map((h) => h.step)).toEqual([
      'found',
      'assign',
      'reached',
      'confirm',
      'output',
      'deliver',
    ]);

    const summary = (await f.callOk('worklist.list')).find((w) => w.id === wl.id)!;
    expect(summary.counts.delivered).toBe(1);
    expect(summary.progress).toBeGreaterThan(0);

    const x = await f.callOk('worklist.export', { id: wl.id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.xlsxBase64, 'base64') as unknown as ArrayBuffer);
    const tasks = wb.getWorksheet('任务')!;
    const rows: string[][] = [];
    tasks.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const chenRow = rows.find((r) => r.includes('陈德福'))!;
    expect(chenRow).toContain('已送达');
    expect(chenRow).toContain(chen!.idMasked);
    expect(JSON.stringify(rows)).not.toContain(idOf('陈德福'));

    const actions = f.core.db
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'worklist-%' ORDER BY seq")
      .pluck()
      .all() as string[];
    for (const a of [
      'worklist-start',
      'worklist-person-found',
      'worklist-assign',
      'worklist-contact',
      'worklist-confirm',
      'worklist-output',
      'worklist-deliver',
      'worklist-export',
    ])
      expect(actions, a).toContain(a);
    // The card's own case carries the usual registry fetch and print entries.
    const caseActions = f.core.db
      .prepare('SELECT action FROM audit_log WHERE case_id = ?')
      .pluck()
      .all(made.caseId) as string[];
    expect(caseActions).toEqual(expect.arrayContaining(['registry-fetch', 'certificate-issue', 'print']));
  }, 180_000);

  it('the care allowance and high-age programmes find their demo residents', async () => {
    // No area given: the station's area from the config (和平街道).
    expect(await f.callOk('worklist.station')).toEqual({ area: '110901001' });
    const care = await f.callOk('worklist.start', { programme: 'severe-disability-care' });
    expect(care.area).toBe('110901001');
    const careView = await f.callOk('worklist.view', { id: care.id });
    const qian = careView.tasks.find((t) => t.name === '钱秀兰');
    expect(qian?.facts.map((x) => x.value)).toEqual(['一级']);
    expect(qian?.address).toBeUndefined(); // no visit: no address
    // Reached at home, she confirms and gives a phone and an account: the application goes to the outbox.
    await f.callOk('worklist.step', { taskId: qian!.id, step: 'reached' });
    await f.callOk('worklist.step', { taskId: qian!.id, step: 'confirm' });
    // What staff must type first: the form's fields no source filled, from the case's own prefill.
    const ask = await f.callOk('worklist.outputForm', { taskId: qian!.id });
    expect(ask.map((x) => x.key)).toEqual(expect.arrayContaining(['phone', 'bankAccount']));
    expect(ask.map((x) => x.key)).not.toContain('disabilityGrade'); // the license gave it
    expect(ask.find((x) => x.key === 'phone')?.pattern).toBeTruthy();
    // Without them the application is refused and the task stays confirmed; with them it goes.
    const bare = await f.call('worklist.output', { taskId: qian!.id });
    expect(bare.ok || bare.error.code).toBe('WORKLIST_OUTPUT_FAILED');
    const made = await f.callOk('worklist.output', {
      taskId: qian!.id,
      values: { phone: '13912345678', bank: '示范市农商银行', bankAccount: '6230123412341234' },
    });
    expect(made.state).toBe('output-made');
    const subs = await f.callOk('submissions.forCase', { caseId: made.caseId! });
    expect(subs.submissions.length).toBeGreaterThan(0);
    // 邓伟's licenses all fail verification: the checks block, the task stays confirmed with the cause.
    const deng = careView.tasks.find((t) => t.name === '邓伟')!;
    await f.callOk('worklist.step', { taskId: deng.id, step: 'reached' });
    await f.callOk('worklist.step', { taskId: deng.id, step: 'confirm' });
    const blocked = await f.call('worklist.output', { taskId: deng.id, values: { phone: '13912345678' } });
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) {
      expect(blocked.error.code).toBe('WORKLIST_OUTPUT_FAILED');
      expect(blocked.error.params?.reason).toBe('CASE_BLOCKED');
    }
    const after = (await f.callOk('worklist.view', { id: care.id })).tasks.find((t) => t.id === deng.id)!;
    expect(after.state).toBe('confirmed');
    expect(after.caseId).toBeTruthy();
    const old = await f.callOk('worklist.start', { programme: 'longevity-80', area: '110901001' });
    const oldView = await f.callOk('worklist.view', { id: old.id });
    expect(oldView.tasks.map((t) => t.name)).toContain('吴寿山');
    expect(oldView.tasks.find((t) => t.name === '吴寿山')?.turns).toBeDefined();
  }, 60_000);

  it('a registry that over-shares is refused with a typed error, and the worklist resumes once it behaves', async () => {
    await sandbox.setFaults({ populationOvershare: true });
    const r = await f.call('worklist.start', { programme: 'longevity-80', area: '110901' });
    expect(r.ok || r.error.code).toBe('REGISTRY_MALFORMED');
    const failed = (await f.callOk('worklist.list')).find((w) => w.state === 'failed');
    expect(failed?.total).toBe(0);
    await sandbox.setFaults({});
    const resumed = await f.callOk('worklist.resume', { id: failed!.id });
    expect(resumed.state).toBe('ready');
    expect(resumed.total).toBeGreaterThan(0);
  }, 60_000);

  it('only station staff get tasks', async () => {
    const [w] = await f.callOk('worklist.list');
    const v = await f.callOk('worklist.view', { id: w!.id });
    const r = await f.call('worklist.assign', { taskIds: [v.tasks[0]!.id], userId: 'demo-clerk' });
    expect(r.ok || r.error.code).toBe('WORKLIST_NOT_ASSIGNABLE');
  });
});
