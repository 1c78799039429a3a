import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../resources/sandbox/demo-residents.json';
import { createJob, getJobItem } from '../../../electron/services/batch';
import { itemSnapshot } from '../../../electron/services/batch/job-item';
import { BatchService } from '../../../electron/services/batch/service';
import { UploadStore } from '../../../electron/services/batch/uploads';
import { loadCatalog, type Catalog } from '../../../electron/services/catalog';
import { generateHallKey } from '../../../electron/services/certificates';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server';
import { makeCore, type Fixture } from '../../helpers/core';
import { until } from '../../helpers/until';

const OLD = '已达老年人优待年龄';
const NEW = { zh: '年满优待年龄（新表述）', en: 'Old enough (new wording)' };

/**
 * A batch job reads back with the labels it was checked under (migration 019, job-item.ts): a job
 * is run through the ops, then the terminal's batch service is built again over the same database
 * with a catalog in which one rule of the item is reworded (as a new release would ship it). The
 * job's rows, its on-screen detail, its XLSX and its signed PDF summary keep the old label; a job
 * made as before 019 (no snapshot) reads with the catalog of today, as it always did.
 */
describe('a batch job keeps its item as it started', () => {
  let sb: SandboxHandle;
  let f: Fixture;
  const people = demo.filter((d) => d.cardKind === 'resident');
  const list = ['姓名,身份证号码', ...people.map((p) => `${p.name},${p.idNumber}`)].join('\n') + '\n';
  let job = '';
  const OLD_JOB = 'PL-2000-0001';

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, appKey: 'snap-app', appSecret: 'snap-secret', adminSecret: 'a' });
    f = await makeCore({ boot: { registry: { url: sb.url, appKey: 'snap-app', appSecret: 'snap-secret' } } });
    await f.addAccount('st1', ['station']);
    await f.signInAs('st1');
    const up = await f.callOk('batch.upload', {
      fileName: 'a.csv',
      size: Buffer.byteLength(list),
      offset: 0,
      data: Buffer.from(list).toString('base64'),
    });
    const mapping = { name: 0, idNumber: 1 };
    job = (
      await f.callOk('batch.start', { uploadId: up.uploadId, itemCode: 'senior-card', reason: '快照测试', mapping })
    ).id;
    await until('the batch done', async () => (await f.callOk('batch.get', { jobId: job })).state === 'done');
    // A job as a terminal before 019 made it: no item kept with it. Run through the same ops.
    const csv = join(f.dataDir, 'old-list.csv');
    writeFileSync(csv, list);
    createJob(f.core.db, f.core.services.cipher!, {
      id: OLD_JOB,
      itemCode: 'senior-card',
      reason: '快照测试（旧）',
      clerkId: 'st1',
      source: csv,
      mapping,
    });
    await f.callOk('batch.resume', { jobId: OLD_JOB });
    await until('the old batch done', async () => (await f.callOk('batch.get', { jobId: OLD_JOB })).state === 'done');
  }, 120_000);
  afterAll(async () => {
    await f?.close();
    await sb?.close();
  });

  /** The terminal's batch service as wiring/batch.ts builds it, over the same database, with `catalog`. */
  function serviceWith(catalog: Catalog): BatchService {
    return new BatchService({
      db: f.core.db,
      cipher: f.core.services.cipher!,
      catalog,
      itemCodes: ['senior-card'],
      licenses: f.core.services.licenses!,
      uploads: new UploadStore(join(f.dataDir, 'batch-lists')),
      hallKey: generateHallKey('H-SNAP'),
      issuer: { hall: { id: 'H-SNAP', name: '示范市政务服务中心' }, counter: 'C01', training: true },
      organisation: '示范市政务服务中心',
      onProgress: () => {},
      log: () => {},
    });
  }

  /** Today's catalog with the senior-age rule of senior-card reworded: a copy, the loaded one is left alone. */
  function reworded(): Catalog {
    const catalog = loadCatalog();
    const item = catalog.byCode.get('senior-card')!;
    const copy = { ...item, rules: item.rules.map((r) => (r.id === 'senior-age' ? { ...r, label: NEW } : r)) };
    return { ...catalog, byCode: new Map(catalog.byCode).set('senior-card', copy) };
  }

  const labels = (s: BatchService, id: string) => {
    const rows = s.rows(id, { limit: 200 }).rows;
    expect(rows.length).toBe(people.length);
    return new Set(rows.flatMap((r) => r.checks.filter((c) => c.id === 'senior-age').map((c) => c.label.zh)));
  };

  async function xlsxSheets(s: BatchService, id: string): Promise<{ names: string[]; summary: string[] }> {
    const file = join(f.dir, `${id}.xlsx`);
    writeFileSync(file, await s.report(id, 'xlsx', { id: 'st1', name: '测试' }, join(f.dir, `${id}.tmp.xlsx`)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const summary: string[] = [];
    wb.getWorksheet('汇总')!.eachRow((r) => summary.push(String(r.getCell(1).value)));
    return { names: wb.worksheets.map((w) => w.name), summary };
  }

  it('stores the item with a job started through the ops, and none with a job from before 019', () => {
    const kept = getJobItem(f.core.db, job)!;
    expect(kept.code).toBe('senior-card');
    // The card-only rule is no part of a list check, so not of what the job keeps either.
    expect(kept.rules.map((r) => r.id)).toEqual(['senior-age', 'resident-id-license']);
    expect(kept.rules[0]!.label).toEqual({ zh: OLD, en: 'Senior age reached' });
    expect(getJobItem(f.core.db, OLD_JOB)).toBeUndefined();
    // Once kept, never changed.
    expect(() => f.core.db.prepare("UPDATE batch_jobs SET item = '{}' WHERE id = ?").run(job)).toThrow(
      /keeps the item it was started with/,
    );
  });

  it('reads the rows, the detail and the XLSX of a job with its labels after the catalog rewords a rule', async () => {
    const now = serviceWith(reworded());
    expect(labels(now, job)).toEqual(new Set([OLD]));
    // The filter by one condition goes through the opened checks too.
    const failed = now.rows(job, { rule: 'senior-age', ruleResult: 'failed', limit: 200 });
    for (const r of failed.rows) expect(r.checks.find((c) => c.id === 'senior-age')!.label.zh).toBe(OLD);
    const x = await xlsxSheets(now, job);
    expect(x.names).toEqual(['汇总', OLD, '电子证照已调取', '输入有误']);
    expect(x.summary).toContain(OLD);
    expect(x.summary).not.toContain(NEW.zh);
  });

  it('reads a job from before 019 with the catalog of today, as before', async () => {
    const now = serviceWith(reworded());
    expect(labels(now, OLD_JOB)).toEqual(new Set([NEW.zh]));
    expect((await xlsxSheets(now, OLD_JOB)).names).toEqual(['汇总', NEW.zh, '电子证照已调取', '输入有误']);
    // The control: with the catalog as it was, the old job reads the old label.
    expect(labels(serviceWith(loadCatalog()), OLD_JOB)).toEqual(new Set([OLD]));
  });

  /** A job that kept `item` at its start (as batch.start keeps it), stopped before its first line. */
  function keptJob(id: string, item: ReturnType<typeof itemSnapshot>): void {
    const csv = join(f.dataDir, `${id}.csv`);
    writeFileSync(csv, list);
    createJob(f.core.db, f.core.services.cipher!, {
      id,
      itemCode: 'senior-card',
      reason: '快照测试（续）',
      clerkId: 'st1',
      source: csv,
      mapping: { name: 0, idNumber: 1 },
      item,
    });
  }
  async function resumeWith(catalog: Catalog, id: string): Promise<BatchService> {
    const s = serviceWith(catalog);
    s.resume(id, 'st1');
    await s.settled(id);
    expect(s.view(id).state).toBe('done');
    return s;
  }
  /** Today's catalog with senior-card's age raised past anyone's: a rule's logic changed, not its words. */
  function raised(): Catalog {
    const catalog = loadCatalog();
    const item = catalog.byCode.get('senior-card')!;
    const copy = { ...item, params: { ...item.params, seniorAge: 200 } };
    return { ...catalog, byCode: new Map(catalog.byCode).set('senior-card', copy) };
  }
  const ageResults = (s: BatchService, id: string) =>
    new Set(s.rows(id, { limit: 200 }).rows.map((r) => r.checks.find((c) => c.id === 'senior-age')!.result));

  it('checks a job resumed after a catalog update with the rules, wording and parameters it started with', async () => {
    // Started (its item kept) under the old catalog, resumed by a terminal with the new one.
    keptJob('PL-2000-0002', itemSnapshot(loadCatalog().byCode.get('senior-card')!));
    const worded = await resumeWith(reworded(), 'PL-2000-0002');
    expect(labels(worded, 'PL-2000-0002')).toEqual(new Set([OLD]));
    // The demo residents are of every age: the job's own age (60) passes some and fails others.
    keptJob('PL-2000-0003', itemSnapshot(loadCatalog().byCode.get('senior-card')!));
    const now = await resumeWith(raised(), 'PL-2000-0003');
    expect(ageResults(now, 'PL-2000-0003')).toEqual(new Set(['passed', 'failed']));
  });

  it("checks a job that kept only its labels (before its rules were kept) with today's item, its rows worded as checked", async () => {
    const labelsOnly = () => {
      const { params: _p, licenses: _l, ...rest } = itemSnapshot(loadCatalog().byCode.get('senior-card')!);
      return rest;
    };
    keptJob('PL-2000-0004', labelsOnly());
    const worded = await resumeWith(reworded(), 'PL-2000-0004');
    // The rows say what they were checked with, not what the job started with.
    expect(labels(worded, 'PL-2000-0004')).toEqual(new Set([NEW.zh]));
    expect(labels(serviceWith(loadCatalog()), 'PL-2000-0004')).toEqual(new Set([NEW.zh]));
    keptJob('PL-2000-0005', labelsOnly());
    // The control for the test above: today's age of 200 fails everyone.
    expect(ageResults(await resumeWith(raised(), 'PL-2000-0005'), 'PL-2000-0005')).toEqual(new Set(['failed']));
  });

  const poppler = spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0;
  if (!poppler) console.warn('batch PDF label test skipped: install poppler-utils (pdftotext)');
  it.skipIf(!poppler)('signs the PDF summary with the labels the job was checked under', async () => {
    const text = async (s: BatchService, id: string) => {
      const file = join(f.dir, `${id}.pdf`);
      writeFileSync(file, await s.report(id, 'pdf', { id: 'st1', name: '测试' }, ''));
      return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    };
    const now = serviceWith(reworded());
    const kept = await text(now, job);
    expect(kept).toContain(OLD);
    expect(kept).not.toContain(NEW.zh);
    expect(await text(now, OLD_JOB)).toContain(NEW.zh);
  });
});
