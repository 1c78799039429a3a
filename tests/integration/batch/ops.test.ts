import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../resources/sandbox/demo-residents.json';
import type { EventName } from '../../../electron/api/contract';
import type { BatchProgressView } from '../../../electron/services/batch/view-types';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server';
import { makeCore, type Fixture } from '../../helpers/core';
import { until } from '../../helpers/until';

const CHUNK = 512 * 1024;

/**
 * The batch ops through the API boundary, as the screen uses them: a list uploaded in chunks,
 * mapped, previewed, run, filtered and reported, by a station user; the registry's usage log and
 * the local audit log both bind every call to the batch number, the item and the reason.
 */
describe('batch ops', () => {
  let sb: SandboxHandle;
  let f: Fixture;
  const people = demo.filter((d) => d.cardKind === 'resident');
  const progress: BatchProgressView[] = [];
  let csv: Buffer = Buffer.alloc(0);

  beforeAll(async () => {
    // A job paused by a registry outage resumes by itself after this long (wiring/batch.ts).
    process.env.COUNTER_BATCH_RESUME_MS = '1000';
    sb = await startSandbox({ port: 0, appKey: 'ops-app', appSecret: 'ops-secret', adminSecret: 'a' });
    f = await makeCore({ boot: { registry: { url: sb.url, appKey: 'ops-app', appSecret: 'ops-secret' } } });
    f.core.bus.onAny((name: EventName, p) => {
      if (name === 'batch.progress') progress.push(p as BatchProgressView);
    });
    await f.addAccount('st1', ['station']);
    await f.addAccount('st2', ['station']);
    await f.addAccount('sup', ['supervisor']);
    // A wide filler column makes the file span several chunks.
    const pad = 'x'.repeat(60_000);
    const lines = ['备注,姓名,身份证号码'];
    people.forEach((p, i) => {
      lines.push(`${pad},${p.name},${p.idNumber}`);
      if (i === 0) lines.push('bad,某人,110101198001010054'); // check digit wrong
    });
    lines.push(`dup,${people[0]!.name},${people[0]!.idNumber}`);
    csv = Buffer.from(lines.join('\n') + '\n');
    expect(csv.length).toBeGreaterThan(2 * CHUNK);
  }, 90_000);
  afterAll(async () => {
    await f?.close();
    await sb?.close();
  });

  async function upload(name: string, bytes: Buffer) {
    let uploadId: string | undefined;
    for (let off = 0; ; off += CHUNK) {
      const r = await f.callOk('batch.upload', {
        ...(uploadId ? { uploadId } : {}),
        fileName: name,
        size: bytes.length,
        offset: off,
        data: bytes.subarray(off, off + CHUNK).toString('base64'),
      });
      uploadId = r.uploadId;
      if (r.complete) return r;
    }
  }

  it('refuses a list over the size cap and a file that is neither CSV nor XLSX, before storing it', async () => {
    await f.signInAs('st1');
    const big = await f.call('batch.upload', { fileName: 'a.csv', size: 33 * 1024 * 1024, offset: 0, data: '' });
    expect(big).toMatchObject({ ok: false, error: { code: 'BATCH_TOO_LARGE' } });
    const pdf = await f.call('batch.upload', { fileName: 'a.pdf', size: 3, offset: 0, data: 'YWJj' });
    expect(pdf).toMatchObject({ ok: false, error: { code: 'BATCH_FORMAT', params: { ext: '.pdf' } } });
  });

  it('uploads, previews, runs, filters and reports a list; every registry use is bound to the batch', async () => {
    await f.signInAs('st1');
    const up = await upload('名单.csv', csv);
    expect(up.preview!.header).toEqual(['备注', '姓名', '身份证号码']);
    expect(up.preview!.guess).toEqual({ name: 1, idNumber: 2 });
    const mapping = { name: 1, idNumber: 2 };
    const pre = await f.callOk('batch.preview', { uploadId: up.uploadId, mapping });
    expect(pre.rows[0]).toMatchObject({ line: 1, name: people[0]!.name });
    expect(pre.rows[0]!.idNumberMasked).not.toBe(people[0]!.idNumber);
    expect(pre.rows[1]).toMatchObject({ line: 2, problem: 'id-malformed' });
    expect(pre.rows.filter((r) => r.problem)).toHaveLength(1);

    const items = await f.callOk('batch.items', {});
    expect(items.map((i) => i.code)).toContain('senior-card');
    const job = await f.callOk('batch.start', {
      uploadId: up.uploadId,
      itemCode: 'senior-card',
      reason: '老年人优待证批量资格核验',
      mapping,
    });
    expect(job.id).toMatch(/^PL-\d{4}-0001$/);
    const done = await until('the batch done', async () => {
      const v = await f.callOk('batch.get', { jobId: job.id });
      return v.state === 'done' && v;
    });
    expect(Object.values(done.counts).reduce((a, b) => a + b, 0)).toBe(people.length + 2);
    expect(done.counts['bad-input']).toBe(2);
    const last = progress.filter((p) => p.jobId === job.id).at(-1)!;
    expect(last).toMatchObject({ state: 'done', done: people.length + 2, total: people.length + 2, via: 'batch' });
    expect(last.rate).toBeGreaterThan(0);

    // Purpose binding at the registry: one record per person, each with the batch number, item and reason.
    const recs = sb.usage.all().filter((u) => u.caseNumber === job.id && u.holderCode);
    expect(recs.map((r) => r.holderCode).sort()).toEqual(people.map((p) => p.idNumber).sort());
    for (const r of recs)
      expect(r).toMatchObject({ reason: '老年人优待证批量资格核验', itemCode: 'senior-card', clerk: 'st1' });
    // And in the local audit log: the start, then one entry per person, under the same batch number.
    const audit = f.core.db
      .prepare('SELECT action, actor, purpose, item_code FROM audit_log WHERE case_id = ? ORDER BY seq')
      .all(job.id) as Array<{ action: string; actor: string; purpose: string; item_code: string }>;
    expect(audit[0]).toEqual({
      action: 'batch-start',
      actor: 'st1',
      purpose: '老年人优待证批量资格核验',
      item_code: 'senior-card',
    });
    expect(audit.filter((a) => a.action === 'batch-check')).toHaveLength(people.length);
    expect(new Set(audit.map((a) => `${a.purpose}|${a.item_code}`))).toEqual(
      new Set(['老年人优待证批量资格核验|senior-card']),
    );

    // Filters: by outcome, by input problem, and by one condition's result.
    const all = await f.callOk('batch.rows', { jobId: job.id, limit: 200 });
    expect(all.total).toBe(people.length + 2);
    const bad = await f.callOk('batch.rows', { jobId: job.id, outcome: 'bad-input' });
    expect(bad.rows.map((r) => r.problem)).toEqual(['id-malformed', 'duplicate']);
    const dup = await f.callOk('batch.rows', { jobId: job.id, problem: 'duplicate' });
    expect(dup.total).toBe(1);
    for (const result of ['passed', 'failed', 'unknown'] as const) {
      const got = await f.callOk('batch.rows', { jobId: job.id, rule: 'senior-age', ruleResult: result, limit: 200 });
      const want = all.rows.filter((r) => r.checks.find((c) => c.id === 'senior-age')?.result === result);
      expect(got.total, result).toBe(want.length);
      expect(got.rows.map((r) => r.seq)).toEqual(want.map((r) => r.seq));
    }
    const paged = await f.callOk('batch.rows', {
      jobId: job.id,
      rule: 'resident-id-license',
      ruleResult: 'unknown',
      offset: 1,
      limit: 2,
    });
    const allUnknown = all.rows.filter(
      (r) => r.checks.find((c) => c.id === 'resident-id-license')?.result === 'unknown',
    );
    expect(paged.rows.map((r) => r.seq)).toEqual(allUnknown.slice(1, 3).map((r) => r.seq));
    for (const r of all.rows) expect(JSON.stringify(r)).not.toMatch(/\d{17}[\dX]/);

    // Reports: the XLSX opens with a summary and a sheet per condition; the PDF is signed and Chinese.
    const x = await f.callOk('batch.report', { jobId: job.id, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    const xlsxFile = join(f.dir, 'report.xlsx');
    writeFileSync(xlsxFile, Buffer.from(x.base64, 'base64'));
    await wb.xlsx.readFile(xlsxFile);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '已达老年人优待年龄', '电子证照已调取', '输入有误']);
    const p = await f.callOk('batch.report', { jobId: job.id, format: 'pdf' });
    const pdfFile = join(f.dir, 'summary.pdf');
    writeFileSync(pdfFile, Buffer.from(p.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain(job.id);
    expect(text).toContain('批量核验结果汇总');
    expect(
      f.core.db
        .prepare("SELECT count(*) FROM audit_log WHERE action = 'batch-report' AND case_id = ?")
        .pluck()
        .get(job.id),
    ).toBe(2);
  });

  it('keeps another station user out of a batch, lets a supervisor in, and refuses an item that is not for batches', async () => {
    await f.signInAs('st2');
    expect(await f.callOk('batch.list', {})).toEqual([]);
    expect(
      await f.call('batch.get', { jobId: 'PL-2026-0001'.replace('2026', String(new Date().getFullYear())) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CASE_NOT_YOURS' },
    });
    const up = await upload('b.csv', Buffer.from('姓名,身份证号码\n'));
    expect(
      await f.call('batch.start', {
        uploadId: up.uploadId,
        itemCode: 'household',
        reason: '测试用途',
        mapping: { name: 0, idNumber: 1 },
      }),
    ).toMatchObject({ ok: false, error: { code: 'BATCH_ITEM' } });
    await f.signInAs('sup');
    expect((await f.callOk('batch.list', {})).length).toBe(1);
  });

  it('pauses, resumes and cancels through the ops; a resumed batch checks no row twice', async () => {
    await f.signInAs('st1');
    const rows = ['姓名,身份证号码', ...people.map((p) => `${p.name},${p.idNumber}`)];
    const up = await upload('c.csv', Buffer.from(rows.join('\n')));
    sb.setFaults({ latencyMs: 60 });
    try {
      const job = await f.callOk('batch.start', {
        uploadId: up.uploadId,
        itemCode: 'senior-card',
        reason: '暂停续核测试',
        mapping: { name: 0, idNumber: 1 },
      });
      await f.callOk('batch.pause', { jobId: job.id });
      await until('paused', async () => (await f.callOk('batch.get', { jobId: job.id })).state === 'paused');
      expect(await f.call('batch.pause', { jobId: job.id })).toMatchObject({
        ok: false,
        error: { code: 'BATCH_STATE' },
      });
      await f.callOk('batch.resume', { jobId: job.id });
      await until('done', async () => (await f.callOk('batch.get', { jobId: job.id })).state === 'done');
      const recs = sb.usage.all().filter((u) => u.caseNumber === job.id && u.holderCode);
      expect(recs.map((r) => r.holderCode).sort()).toEqual(people.map((p) => p.idNumber).sort());
      expect(await f.call('batch.cancel', { jobId: job.id })).toMatchObject({
        ok: false,
        error: { code: 'BATCH_STATE' },
      });

      const up2 = await upload('d.csv', Buffer.from(rows.join('\n')));
      const job2 = await f.callOk('batch.start', {
        uploadId: up2.uploadId,
        itemCode: 'senior-card',
        reason: '取消测试',
        mapping: { name: 0, idNumber: 1 },
      });
      await f.callOk('batch.cancel', { jobId: job2.id });
      await until('cancelled', async () => (await f.callOk('batch.get', { jobId: job2.id })).state === 'cancelled');
      // The list file is removed once its job is over; its rows stay for the report.
      expect(
        await f.call('batch.preview', { uploadId: up2.uploadId, mapping: { name: 0, idNumber: 1 } }),
      ).toMatchObject({
        ok: false,
        error: { code: 'BATCH_NOT_FOUND' },
      });
    } finally {
      sb.setFaults({});
    }
  });

  it('pauses a batch when the registry stops answering, says why, and resumes it by itself once it is back', async () => {
    await f.signInAs('st1');
    const rows = ['姓名,身份证号码', ...people.map((p) => `${p.name},${p.idNumber}`)];
    const up = await upload('e.csv', Buffer.from(rows.join('\n')));
    sb.setFaults({ down: true });
    let job;
    try {
      job = await f.callOk('batch.start', {
        uploadId: up.uploadId,
        itemCode: 'senior-card',
        reason: '登记机关中断测试',
        mapping: { name: 0, idNumber: 1 },
      });
      const id = job.id;
      const paused = await until('paused by the outage', async () => {
        const v = await f.callOk('batch.get', { jobId: id });
        return v.state === 'paused' && v.progress?.error && v;
      });
      expect(paused.progress!.error).toMatchObject({ code: 'BATCH_REGISTRY_DOWN' });
      // Nothing recorded as "could not check" because of the outage.
      expect(paused.counts.unknown).toBe(0);
    } finally {
      sb.setFaults({});
    }
    // Back: the service resumes it (after the client's breaker cooldown, 15 s) and it finishes.
    const id = job.id;
    const done = await until(
      'resumed and done',
      async () => {
        const v = await f.callOk('batch.get', { jobId: id });
        return v.state === 'done' && v;
      },
      { timeoutMs: 45_000, stepMs: 250 },
    );
    expect(Object.values(done.counts).reduce((a, b) => a + b, 0)).toBe(people.length);
    const recs = sb.usage.all().filter((u) => u.caseNumber === id && u.holderCode);
    expect(new Set(recs.map((r) => r.holderCode))).toEqual(new Set(people.map((p) => p.idNumber)));
  }, 60_000);
});
