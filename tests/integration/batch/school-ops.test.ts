import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../../protocol/id-mask';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server';
import { makeCore, type Fixture } from '../../helpers/core';
import { schoolList, type SchoolList } from '../../helpers/school-list';
import { until } from '../../helpers/until';

const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * A school-enrolment list through the ops the screen uses: the item says it needs the parents'
 * columns, a start without them is refused, the preview and the rows carry the parents' numbers
 * masked and say whose number is malformed, and the XLSX names whose number each parent
 * condition checked.
 */
describe('batch ops: a school-enrolment list with the parents', () => {
  let sb: SandboxHandle;
  let f: Fixture;
  let list: SchoolList;
  const today = localDay(new Date());

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, residents: 3000, appKey: 'so-app', appSecret: 'so-secret', adminSecret: 'a' });
    f = await makeCore({ boot: { registry: { url: sb.url, appKey: 'so-app', appSecret: 'so-secret' } } });
    await f.addAccount('st1', ['station']);
    list = schoolList(sb.data.world, today);
  }, 90_000);
  afterAll(async () => {
    await f?.close();
    await sb?.close();
  });

  it('asks for the parent columns, refuses a start without them, and reports whose each condition is', async () => {
    await f.signInAs('st1');
    const bytes = Buffer.from(list.csv);
    const up = await f.callOk('batch.upload', {
      fileName: '入学名单.csv',
      size: bytes.length,
      offset: 0,
      data: bytes.toString('base64'),
    });
    expect(up.preview!.guess).toEqual({ name: 1, idNumber: 2, fatherIdNumber: 3, motherIdNumber: 4 });

    const item = (await f.callOk('batch.items', {})).find((i) => i.code === 'school-enrolment')!;
    expect(item.columns).toEqual(['fatherIdNumber', 'motherIdNumber']);
    expect(item.conditions.filter((c) => c.subject === 'father').map((c) => c.id)).toEqual([
      'father-same-household',
      'father-head-or-spouse',
      'father-insurance-months',
      'father-insurance-city',
    ]);
    expect(item.conditions.find((c) => c.id === 'child-age')!.subject).toBeUndefined();
    const senior = (await f.callOk('batch.items', {})).find((i) => i.code === 'senior-card')!;
    expect(senior.columns).toEqual([]);

    const start = (mapping: { name: number; idNumber: number; fatherIdNumber?: number; motherIdNumber?: number }) =>
      f.call('batch.start', {
        uploadId: up.uploadId,
        itemCode: 'school-enrolment',
        reason: '义务教育入学资格核验',
        mapping,
      });
    expect(await start({ name: 1, idNumber: 2, fatherIdNumber: 3 })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_COLUMNS' },
    });
    expect(await start({ name: 1, idNumber: 2 })).toMatchObject({ ok: false, error: { code: 'BATCH_COLUMNS' } });

    const mapping = { name: 1, idNumber: 2, fatherIdNumber: 3, motherIdNumber: 4 };
    const pre = await f.callOk('batch.preview', { uploadId: up.uploadId, mapping });
    const fam = list.families[0]!;
    expect(pre.rows[0]).toMatchObject({
      line: 1,
      fatherIdMasked: maskIdNumber(fam.father.idNumber),
      motherIdMasked: maskIdNumber(fam.mother.idNumber),
    });
    expect(pre.rows[0]!.problem).toBeUndefined();
    expect(pre.rows[list.lines.malformedFather - 1]).toMatchObject({
      problem: 'id-malformed',
      malformed: ['fatherIdNumber'],
    });
    expect(pre.rows[list.lines.noMother - 1]!.motherIdMasked).toBeUndefined();
    expect(JSON.stringify(pre)).not.toMatch(/\d{17}[\dX]/);

    const job = await f.callOk('batch.start', {
      uploadId: up.uploadId,
      itemCode: 'school-enrolment',
      reason: '义务教育入学资格核验',
      mapping,
    });
    await until('the batch done', async () => (await f.callOk('batch.get', { jobId: job.id })).state === 'done');
    const rows = (await f.callOk('batch.rows', { jobId: job.id, limit: 50 })).rows;
    expect(rows).toHaveLength(list.lines.real.length + 3);
    const at = (seq: number) => rows.find((r) => r.seq === seq)!;
    expect(at(list.lines.malformedFather)).toMatchObject({ outcome: 'bad-input', malformed: ['fatherIdNumber'] });
    const stranger = at(list.lines.stranger);
    expect(stranger.fatherIdMasked).toBe(maskIdNumber(list.stranger.idNumber));
    expect(stranger.checks.find((c) => c.id === 'father-same-household')!.result).toBe('failed');
    expect(at(list.lines.noMother).checks.find((c) => c.id === 'mother-same-household')!.result).toBe('unknown');
    for (const seq of list.lines.real)
      expect(at(seq).checks.find((c) => c.id === 'father-same-household')!.result).toBe('passed');
    expect(JSON.stringify(rows)).not.toMatch(/\d{17}[\dX]/);

    // A parent's condition is filtered like any other.
    const failedFather = await f.callOk('batch.rows', {
      jobId: job.id,
      rule: 'father-same-household',
      ruleResult: 'failed',
    });
    expect(failedFather.rows.map((r) => r.seq)).toEqual([list.lines.stranger]);

    // The XLSX: the father's sheet names the father's number; the bad line says whose number is wrong.
    const x = await f.callOk('batch.report', { jobId: job.id, format: 'xlsx' });
    const file = join(f.dir, 'school.xlsx');
    writeFileSync(file, Buffer.from(x.base64, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets).toHaveLength(1 + 13 + 1);
    const sum = wb.getWorksheet('汇总')!;
    const whose = new Map<string, string>();
    sum.eachRow((r, i) => {
      if (i > 7) whose.set(String(r.getCell(1).value), String(r.getCell(4).value));
    });
    expect(whose.get('父亲与儿童同户')).toBe('父亲');
    expect(whose.get('母亲在本市参保')).toBe('母亲');
    expect(whose.get('适龄儿童')).toBe('儿童');
    const ws = wb.getWorksheet('父亲与儿童同户')!;
    expect((ws.getRow(1).values as unknown[]).slice(1, 5)).toEqual([
      '行号',
      '儿童姓名',
      '儿童身份证号码',
      '父亲身份证号码',
    ]);
    const line = (seq: number) => {
      let got: unknown[] = [];
      ws.eachRow((r) => {
        if (r.getCell(1).value === seq) got = (r.values as unknown[]).slice(1);
      });
      return got;
    };
    expect(line(list.lines.stranger).slice(3, 5)).toEqual([maskIdNumber(list.stranger.idNumber), '不通过']);
    expect(line(list.lines.noMother)[4]).toBe('通过');
    const mother = wb.getWorksheet('母亲与儿童同户')!;
    let noMother: unknown[] = [];
    mother.eachRow((r) => {
      if (r.getCell(1).value === list.lines.noMother) noMother = (r.values as unknown[]).slice(1);
    });
    expect(noMother.slice(3, 5)).toEqual(['（未列出）', '无法核验']);
    const bad = wb.getWorksheet('输入有误')!;
    expect(bad.getRow(2).getCell(1).value).toBe(list.lines.malformedFather);
    expect(bad.getRow(2).getCell(6).value).toBe('父亲身份证号码有误');
    // The signed PDF summary counts the malformed line as the father's.
    const pdf = await f.callOk('batch.report', { jobId: job.id, format: 'pdf' });
    const pdfFile = join(f.dir, 'school.pdf');
    writeFileSync(pdfFile, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('父亲身份证号码有误');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    const all: string[] = [];
    for (const w of wb.worksheets) w.eachRow((r) => all.push(JSON.stringify(r.values)));
    expect(all.join('\n')).not.toMatch(/\d{17}[\dX]/);
  }, 120_000);
});
