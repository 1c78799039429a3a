import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../resources/sandbox/demo-residents.json';
import ExcelJS from 'exceljs';
import {
  BatchRunner,
  batchRules,
  countRows,
  createJob,
  getJob,
  itemSnapshot,
  listRows,
  renderBatchSummaryPdf,
  setJobState,
  writeBatchXlsx,
  type BatchItem,
  type BatchProgress,
  type JobItem,
} from '../../../electron/services/batch';
import { getItem, loadCatalog } from '../../../electron/services/catalog';
import { generateHallKey, toTrustedKey, verifyDocument } from '../../../electron/services/certificates';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server';
import { makeCore, type Fixture } from '../../helpers/core';

const TODAY = '2026-11-23';
const WHO = { organisation: '示范市政务服务中心', clerk: 'S001 批量核验' };

/** Senior age from the birth date alone, written apart from the rules so the test can disagree with them. */
const ageOn = (birth: string, day: string) =>
  Number(day.slice(0, 4)) - Number(birth.slice(0, 4)) - (day.slice(5) < birth.slice(5) ? 1 : 0);

describe('batch check of a list against the sandbox registry', () => {
  let sb: SandboxHandle;
  let f: Fixture;
  let item: BatchItem;
  /** What a job keeps of its item (job-item.ts): the reports read with it. */
  let snap: JobItem;
  let csv: string;
  const people = demo.filter((d) => d.cardKind === 'resident');

  beforeAll(async () => {
    sb = await startSandbox({
      port: 0,
      today: TODAY,
      appKey: 'batch-app',
      appSecret: 'batch-secret',
      adminSecret: 'a',
    });
    f = await makeCore({ boot: { registry: { url: sb.url, appKey: 'batch-app', appSecret: 'batch-secret' } } });
    const catalogItem = getItem(loadCatalog(), 'senior-card');
    item = catalogItem;
    snap = itemSnapshot(catalogItem);
    csv = join(f.dir, 'list.csv');
    const lines = ['备注,姓名,身份证号码'];
    for (const p of people) lines.push(`x,${p.name},${p.idNumber}`);
    lines.push(`dup,${people[0]!.name},${people[0]!.idNumber}`); // duplicate
    lines.push('bad,某人,110101198001010054'); // check digit wrong
    lines.push('short,某人'); // no ID column
    writeFileSync(csv, lines.join('\n') + '\n');
  }, 90_000);
  afterAll(async () => {
    await f?.close();
    await sb?.close();
  });

  const deps = () => ({
    db: f.core.db,
    cipher: f.core.services.cipher!,
    licenses: f.core.services.licenses!,
    item,
    who: WHO,
    concurrency: 4,
    now: () => new Date(`${TODAY}T10:00:00`),
  });
  const searches = (job: string) => sb.usage.all().filter((u) => u.caseNumber === job && u.path === '/v1/licenses');

  it('gives every row its answer, lists bad rows, and resumes a stopped run without checking a row again', async () => {
    const job = 'PL-2026-0001';
    createJob(f.core.db, f.core.services.cipher!, {
      id: job,
      itemCode: item.code,
      reason: '老年人优待证批量资格核验',
      clerkId: 'S001',
      source: csv,
      mapping: { name: 1, idNumber: 2 },
    });
    // One chunk of 8 lines in flight, each chunk committed (and its progress told) as it is checked,
    // so the stop lands with lines left.
    const first = new BatchRunner({ ...deps(), concurrency: 1, singleChunk: 8, commitGroup: { ms: 0, rows: 1 } });
    first.on('progress', (p) => {
      if (p.done >= 5) first.stop();
    });
    expect(await first.run(job)).toBe('paused');
    const partial = Object.values(countRows(f.core.db, job)).reduce((a, b) => a + b, 0);
    expect(partial).toBeGreaterThanOrEqual(5);
    expect(partial).toBeLessThan(people.length);

    const second = new BatchRunner(deps());
    const progress: BatchProgress[] = [];
    second.on('progress', (p) => progress.push(p));
    expect(await second.run(job)).toBe('done');
    expect(progress.at(-1)).toMatchObject({ done: people.length + 3, total: people.length + 3 });
    expect(progress.at(-1)!.rate).toBeGreaterThan(0);
    // The tally told with each step counts the earlier run's rows too, and ends as the rows stored say.
    for (const p of progress) expect(Object.values(p.counts).reduce((a, b) => a + b, 0)).toBe(p.done);
    expect(progress[0]!.done).toBeGreaterThan(partial);
    expect(progress.at(-1)!.counts).toEqual(countRows(f.core.db, job));
    expect(progress.at(-1)!.counts['bad-input']).toBe(3);

    // The registry's own usage log: one search per applicant, none twice, none missing, each bound to the batch.
    const recs = searches(job);
    expect(recs.map((r) => r.holderCode).sort()).toEqual(people.map((p) => p.idNumber).sort());
    for (const r of recs) expect(r).toMatchObject({ reason: '老年人优待证批量资格核验', itemCode: 'senior-card' });

    const rows = listRows(f.core.db, f.core.services.cipher!, job, { item, limit: 1000 });
    expect(rows).toHaveLength(people.length + 3);
    expect(rows.filter((r) => r.outcome === 'bad-input').map((r) => r.problem)).toEqual([
      'duplicate',
      'id-malformed',
      'missing-column',
    ]);
    for (const p of people) {
      const row = rows.find((r) => r.input.idNumber === p.idNumber)!;
      const age = row.checks!.find((c) => c.id === 'senior-age')!;
      expect(age.result, p.name).toBe(ageOn(p.birth, TODAY) >= 60 ? 'passed' : 'failed');
      // The card-only rule has no place in a list; the license rule names the license relied on.
      expect(row.checks!.some((c) => c.kind === 'card-valid')).toBe(false);
      const lic = row.checks!.find((c) => c.id === 'resident-id-license');
      if (lic?.result === 'passed') expect(lic.source?.typeCode).toBe('111001');
    }
    // Every registry use is in the local audit log too, under the batch number and its reason.
    const audited = f.core.db
      .prepare("SELECT purpose, item_code FROM audit_log WHERE action = 'batch-check' AND case_id = ?")
      .all(job);
    expect(audited).toHaveLength(people.length);
    expect(audited[0]).toEqual({ purpose: '老年人优待证批量资格核验', item_code: 'senior-card' });
    // Nothing readable about a person in the database file.
    const raw = f.core.db.prepare('SELECT input FROM batch_rows').pluck().all() as Buffer[];
    expect(raw.some((b) => b.includes(Buffer.from(people[0]!.idNumber)))).toBe(false);
  });

  const newJob = (id: string) =>
    createJob(f.core.db, f.core.services.cipher!, {
      id,
      itemCode: item.code,
      reason: '老年人优待证批量资格核验',
      clerkId: 'S001',
      source: csv,
      mapping: { name: 1, idNumber: 2 },
    });
  const outcomes = (job: string) =>
    listRows(f.core.db, f.core.services.cipher!, job, { item, limit: 1000 }).map((r) => [
      r.seq,
      r.outcome,
      r.failedChecks,
    ]);

  it("counts a new list alongside the run, keeps the total, and keeps no applicant's licenses in the offline cache", async () => {
    const job = 'PL-2026-0007';
    newJob(job);
    expect(getJob(f.core.db, f.core.services.cipher!, job).total).toBeNull();
    const cached = () => f.core.db.prepare('SELECT count(*) FROM license_cache').pluck().get() as number;
    const before = cached();
    const runner = new BatchRunner({ ...deps(), concurrency: 1, singleChunk: 4, commitGroup: { ms: 0, rows: 1 } });
    const seen: Array<{ done: number; total: number; etaS?: number }> = [];
    // The count starts once the first call is out and a second must wait: the first lines'
    // progress may come before it, with a total of 0 and no time left, never a negative one.
    runner.on('progress', (p) => seen.push(p));
    expect(await runner.run(job)).toBe('done');
    const lines = people.length + 3;
    expect(getJob(f.core.db, f.core.services.cipher!, job).total).toBe(lines);
    expect(seen.at(-1)).toMatchObject({ done: lines, total: lines });
    // The applicants' licenses were used for the check (a license relied on), not kept in the
    // counter's offline cache.
    const rows = listRows(f.core.db, f.core.services.cipher!, job, { item, limit: 1000 });
    const relied = rows.flatMap((r) => r.checks ?? []).filter((c) => c.result === 'passed' && c.source);
    expect(relied.length).toBeGreaterThan(0);
    expect(cached()).toBe(before);
    for (const p of seen) {
      expect(p.total === 0 || p.total === lines).toBe(true);
      if (p.etaS !== undefined) expect(p.etaS).toBeGreaterThanOrEqual(0);
      if (p.total === 0) expect(p.etaS).toBeUndefined();
    }
  });

  it('checks lines lost with a chunk again as the same use: per-person calls carry ids derived from the line', async () => {
    const job = 'PL-2026-0006';
    newJob(job);
    expect(await new BatchRunner(deps()).run(job)).toBe('done');
    const uses = () => sb.usage.all().filter((u) => u.caseNumber === job);
    const before = uses().length;
    const answers = countRows(f.core.db, job);
    expect(before).toBeGreaterThanOrEqual(people.length);
    // What a kill between the registry's answers and the chunk's commit leaves: lines with no record.
    const lost = f.core.db
      .prepare("DELETE FROM batch_rows WHERE job_id = ? AND outcome != 'bad-input' AND seq % 2 = 0")
      .run(job).changes;
    expect(lost).toBeGreaterThan(5);
    setJobState(f.core.db, job, 'paused');
    expect(await new BatchRunner(deps()).run(job)).toBe('done');
    expect(countRows(f.core.db, job)).toEqual(answers);
    // Checked again, and the registry counts each person's calls once all the same.
    expect(uses()).toHaveLength(before);
  });

  it('uses the batch endpoint when offered: one usage record per row key, the same answers as per-person calls', async () => {
    newJob('PL-2026-0002');
    const batch = new BatchRunner({ ...deps(), batch: f.core.services.registry!, batchSize: 7 });
    const fellBack: string[] = [];
    batch.on('fallback', (m) => fellBack.push(m));
    expect(await batch.run('PL-2026-0002')).toBe('done');
    expect(fellBack).toEqual([]);
    const recs = sb.usage.all().filter((u) => u.caseNumber === 'PL-2026-0002' && u.key !== undefined);
    expect(recs.map((r) => r.holderCode).sort()).toEqual(people.map((p) => p.idNumber).sort());
    expect(new Set(recs.map((r) => r.key)).size).toBe(recs.length);
    expect(searches('PL-2026-0002')).toEqual([]);
    expect(outcomes('PL-2026-0002')).toEqual(outcomes('PL-2026-0001'));
  });

  it('falls back to per-person calls when the batch endpoint goes down mid-run, and goes back once it answers', async () => {
    newJob('PL-2026-0003');
    // probeMs 0: the chunk after the failed one probes the endpoint at once.
    const batch = new BatchRunner({
      ...deps(),
      batch: f.core.services.registry!,
      batchSize: 3,
      concurrency: 1,
      probeMs: 0,
      // Each call's rows commit at once, so progress (which steers the faults here) follows calls.
      commitGroup: { ms: 0, rows: 1 },
    });
    const events: string[] = [];
    let downAt = -1;
    batch.on('fallback', () => {
      events.push('fallback');
      // Up again before the next chunk: its probe must find the endpoint answering.
      sb.setFaults({});
    });
    batch.on('restored', () => events.push('restored'));
    batch.on('progress', (p) => {
      if (p.done >= 5 && downAt < 0) {
        downAt = p.done;
        sb.setFaults({ batchDown: true });
      }
    });
    try {
      expect(await batch.run('PL-2026-0003')).toBe('done');
    } finally {
      sb.setFaults({});
    }
    expect(events).toEqual(['fallback', 'restored']);
    // Per-person records carry their row key too (X-Row-Key): the batch endpoint's are told by path.
    const viaBatch = sb.usage
      .all()
      .filter((u) => u.caseNumber === 'PL-2026-0003' && u.key !== undefined && u.path === '/v1/batch/licenses');
    const single = searches('PL-2026-0003');
    expect(single.length).toBeGreaterThan(0);
    expect(single.length).toBeLessThanOrEqual(3);
    // Rows after the single-call chunk went through the batch endpoint again.
    const lastSingle = Math.max(...single.map((r) => people.findIndex((p) => p.idNumber === r.holderCode)));
    expect(viaBatch.some((r) => people.findIndex((p) => p.idNumber === r.holderCode) > lastSingle)).toBe(true);
    // Every applicant used exactly once, through one path or the other.
    expect([...viaBatch, ...single].map((r) => r.holderCode).sort()).toEqual(people.map((p) => p.idNumber).sort());
    expect(outcomes('PL-2026-0003')).toEqual(outcomes('PL-2026-0001'));
    // Each row's audit entry names the path it took.
    const via = f.core.db
      .prepare(
        "SELECT json_extract(detail, '$.via') AS via FROM audit_log WHERE action = 'batch-check' AND case_id = ?",
      )
      .pluck()
      .all('PL-2026-0003');
    expect(via.filter((v) => v === 'single')).toHaveLength(single.length);
  });

  it('stays on per-person calls while the probe finds the endpoint still down', async () => {
    newJob('PL-2026-0004');
    const batch = new BatchRunner({
      ...deps(),
      batch: f.core.services.registry!,
      batchSize: 4,
      concurrency: 1,
      probeMs: 0,
    });
    const events: string[] = [];
    batch.on('fallback', () => events.push('fallback'));
    batch.on('restored', () => events.push('restored'));
    sb.setFaults({ batchDown: true });
    try {
      expect(await batch.run('PL-2026-0004')).toBe('done');
    } finally {
      sb.setFaults({});
    }
    // One fallback, no restore: every failed probe leaves the run where it was, and all rows are answered.
    expect(events).toEqual(['fallback']);
    expect(
      searches('PL-2026-0004')
        .map((r) => r.holderCode)
        .sort(),
    ).toEqual(people.map((p) => p.idNumber).sort());
    expect(outcomes('PL-2026-0004')).toEqual(outcomes('PL-2026-0001'));
  });

  it('pauses instead of recording "could not check" when the registry stops answering, and resumes', async () => {
    newJob('PL-2026-0005');
    const first = new BatchRunner({ ...deps(), concurrency: 1, commitGroup: { ms: 0, rows: 1 } });
    first.on('progress', (p) => {
      if (p.done >= 4) sb.setFaults({ down: true });
    });
    let stopped: unknown;
    try {
      await first.run('PL-2026-0005');
    } catch (e) {
      stopped = e;
    } finally {
      sb.setFaults({});
    }
    expect(stopped).toMatchObject({ code: 'BATCH_REGISTRY_DOWN' });
    expect(getJob(f.core.db, f.core.services.cipher!, 'PL-2026-0005').state).toBe('paused');
    const partial = outcomes('PL-2026-0005');
    expect(partial.length).toBeLessThan(people.length + 3);
    // Resumed (after the client's breaker lets calls through again): the same answers as a clean run.
    for (let i = 0; ; i++) {
      try {
        expect(await new BatchRunner(deps()).run('PL-2026-0005')).toBe('done');
        break;
      } catch (e) {
        // The client's breaker stays open for its cooldown (15 s) after the outage.
        if ((e as { code?: string }).code !== 'BATCH_REGISTRY_DOWN' || i > 40) throw e;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    expect(outcomes('PL-2026-0005')).toEqual(outcomes('PL-2026-0001'));
  }, 60_000);

  it('writes the XLSX report: a summary, a sheet per condition, the bad rows, no full ID number', async () => {
    const out = join(f.dir, 'report.xlsx');
    await writeBatchXlsx(f.core.db, f.core.services.cipher!, 'PL-2026-0001', snap, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('汇总');
    expect(names.at(-1)).toBe('输入有误');
    expect(names).toHaveLength(batchRules(item).length + 2);
    const counts = countRows(f.core.db, 'PL-2026-0001');
    const sum = wb.getWorksheet('汇总')!;
    expect(sum.getRow(2).values).toEqual([undefined, '通过', counts.passed]);
    expect(sum.getRow(5).values).toEqual([undefined, '输入有误（未核验）', 3]);
    const age = wb.getWorksheet('已达老年人优待年龄')!;
    expect(age.rowCount).toBe(people.length + 1);
    expect(wb.getWorksheet('输入有误')!.rowCount).toBe(4);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => cells.push(String(c.value)))));
    for (const p of people) expect(cells.some((c) => c.includes(p.idNumber))).toBe(false);
    expect(cells.some((c) => c.includes('居民身份证'))).toBe(true);
  });

  const poppler = spawnSync('sh', ['-c', 'command -v pdftotext && command -v pdffonts']).status === 0;
  if (!poppler) console.warn('batch PDF text test skipped: install poppler-utils (pdftotext, pdffonts)');
  it.skipIf(!poppler)(
    'writes the PDF summary signed like a certificate, Chinese in an embedded font, no person on it',
    async () => {
      const key = generateHallKey('H-BATCH');
      const who = {
        hall: { id: 'H-BATCH', name: '示范市政务服务中心' },
        counter: 'C01',
        clerk: { id: 'S001', name: '批量核验' },
        training: false,
      };
      const pdf = await renderBatchSummaryPdf(f.core.db, f.core.services.cipher!, 'PL-2026-0001', snap, who, key);
      expect(verifyDocument(pdf, [toTrustedKey(key, who.hall.name)]).status).toBe('valid');
      const file = join(f.dir, 'summary.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      const counts = countRows(f.core.db, 'PL-2026-0001');
      expect(text).toContain('批量核验结果汇总');
      expect(text).toContain('PL-2026-0001');
      expect(text).toContain(`通过 ${counts.passed}，不通过 ${counts.failed}`);
      expect(text).toContain('已达老年人优待年龄');
      expect(text).toContain('身份证号码有误');
      for (const p of people) {
        expect(text).not.toContain(p.idNumber);
        expect(text).not.toContain(p.name);
      }
      // Every font embedded: the PDF renders Chinese on a machine with no CJK system font.
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+/);
      if (process.env.BATCH_PDF_OUT) writeFileSync(process.env.BATCH_PDF_OUT, pdf);
    },
  );
});
