import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchRunner, createJob, listRows, setJobState, type BatchItem } from '../../../electron/services/batch';
import { getItem, loadCatalog } from '../../../electron/services/catalog';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server';
import type { FaultsInput } from '../../../sandbox/faults';
import { makeCore, type Fixture } from '../../helpers/core';
import { schoolList } from '../../helpers/school-list';

const TODAY = '2026-11-23';
const WHO = { organisation: '示范市政务服务中心', clerk: 'S001 批量核验' };
const MAPPING = { name: 1, idNumber: 2, fatherIdNumber: 3, motherIdNumber: 4 };

/**
 * A batch call that reached the registry (which recorded one use per holder) but whose answer was
 * lost sends the runner to per-person calls for the same people; a line checked per person before
 * a kill may go through the batch endpoint after it. Either way the registry's usage log must hold
 * exactly one use per person of a line: the row key travels on per-person calls too (X-Row-Key).
 */
describe('a batch line is one registry use per person, whichever endpoint answered', () => {
  let sb: SandboxHandle;
  let f: Fixture;
  let item: BatchItem;
  let csv: string;
  /** Every row key the list's checked lines give, with its person. */
  const expected = new Map<string, string>();

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, today: TODAY, appKey: 'lost-app', appSecret: 'lost-secret', adminSecret: 'a' });
    f = await makeCore({ boot: { registry: { url: sb.url, appKey: 'lost-app', appSecret: 'lost-secret' } } });
    item = getItem(loadCatalog(), 'school-enrolment');
    const list = schoolList(sb.data.world, TODAY, { real: 24 });
    csv = join(f.dir, 'school.csv');
    writeFileSync(csv, list.csv);
    readFileSync(csv, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .forEach((line, i) => {
        const seq = i + 1;
        if (seq === list.lines.malformedFather) return; // bad input: never asked about
        const [, , child, father, mother] = line.split(',');
        expected.set(`${seq}`, child!);
        if (father) expected.set(`${seq}f`, father);
        if (mother) expected.set(`${seq}m`, mother);
      });
  }, 90_000);
  afterAll(async () => {
    await f?.close();
    await sb?.close();
  });

  /** Through the admin API, as a training drill sets them. */
  const setFaults = async (faults: FaultsInput) => {
    const res = await fetch(new URL('admin/faults', sb.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-secret': 'a' },
      body: JSON.stringify(faults),
    });
    expect(res.status).toBe(200);
  };
  const newJob = (id: string) =>
    createJob(f.core.db, f.core.services.cipher!, {
      id,
      itemCode: item.code,
      reason: '义务教育入学资格批量核验',
      clerkId: 'S001',
      source: csv,
      mapping: MAPPING,
    });
  const runner = (o: { batch?: boolean } = {}) =>
    new BatchRunner({
      db: f.core.db,
      cipher: f.core.services.cipher!,
      licenses: f.core.services.licenses!,
      ...(o.batch === false ? {} : { batch: f.core.services.registry! }),
      item,
      who: WHO,
      batchSize: 9,
      concurrency: 1,
      probeMs: 0,
      commitGroup: { ms: 0, rows: 1 },
      now: () => new Date(`${TODAY}T10:00:00`),
    });
  const outcomes = (job: string) =>
    listRows(f.core.db, f.core.services.cipher!, job, { item, limit: 1000 }).map((r) => [
      r.seq,
      r.outcome,
      r.failedChecks,
    ]);
  /** The registry's record of every answered use of a person under this batch number. */
  const uses = (job: string) => sb.usage.all().filter((u) => u.caseNumber === job && u.status === 200 && u.holderCode);
  /** Exactly one use per person of a line (counted by row key), each of the right person. */
  const expectOneUseEach = (job: string) => {
    const recs = uses(job);
    expect(
      recs.filter((u) => u.key === undefined).map((u) => u.path),
      'a use without its row key',
    ).toEqual([]);
    const byKey = new Map<string, number>();
    for (const u of recs) byKey.set(u.key!, (byKey.get(u.key!) ?? 0) + 1);
    expect(
      [...byKey].filter(([, n]) => n > 1),
      'row keys recorded more than once',
    ).toEqual([]);
    expect(new Map(recs.map((u) => [u.key!, u.holderCode!]))).toEqual(expected);
    return recs;
  };
  const via = (job: string) =>
    new Map(
      (
        f.core.db
          .prepare(
            "SELECT json_extract(detail, '$.seq') AS seq, json_extract(detail, '$.via') AS via FROM audit_log WHERE action = 'batch-check' AND case_id = ? ORDER BY seq",
          )
          .all(job) as Array<{ seq: number; via: string }>
      ).map((r) => [r.seq, r.via]),
    );

  it('a lost batch answer, then per-person calls for the same lines: one use each, the right answers', async () => {
    // The reference: the same list through the batch endpoint with nothing wrong, under its own
    // batch number. The same row keys in another batch are other uses, recorded on their own.
    newJob('PL-LOST-0001');
    expect(await runner().run('PL-LOST-0001')).toBe('done');
    expectOneUseEach('PL-LOST-0001');

    newJob('PL-LOST-0002');
    const r = runner();
    const events: string[] = [];
    r.on('fallback', (why) => {
      events.push('fallback');
      // Answered again before long: the chunks after the lost one probe the endpoint.
      void setFaults({});
      expect(why).toMatch(/registry/i);
    });
    r.on('restored', () => events.push('restored'));
    await setFaults({ batchAnswerLost: true });
    try {
      expect(await r.run('PL-LOST-0002')).toBe('done');
    } finally {
      await setFaults({});
    }
    expect(events[0]).toBe('fallback');
    expect(events).toContain('restored');
    expect(outcomes('PL-LOST-0002')).toEqual(outcomes('PL-LOST-0001'));
    const recs = expectOneUseEach('PL-LOST-0002');
    expect(uses('PL-LOST-0001')).toHaveLength(expected.size);

    // The hole happened: lines were checked per person, and the registry's only record of their
    // people is the one the lost batch call made.
    const single = [...via('PL-LOST-0002')].filter(([, v]) => v === 'single').map(([seq]) => seq);
    expect(single.length).toBeGreaterThan(0);
    const pathOf = new Map(recs.map((u) => [u.key!, u.path]));
    for (const seq of single) expect(pathOf.get(`${seq}`), `line ${seq}`).toBe('/v1/batch/licenses');
    // The per-person calls under those keys were part of that use: not one search is a record of its own.
    expect(sb.usage.all().some((u) => u.caseNumber === 'PL-LOST-0002' && u.path === '/v1/licenses')).toBe(false);
  });

  it('a line checked per person, lost with its commit, then checked through the batch endpoint: still one use', async () => {
    const job = 'PL-LOST-0003';
    newJob(job);
    expect(await runner({ batch: false }).run(job)).toBe('done');
    expectOneUseEach(job);
    const before = sb.usage.all().filter((u) => u.caseNumber === job).length;
    // What a kill between the registry's answers and the commit leaves: lines with no row.
    const lost = f.core.db
      .prepare("DELETE FROM batch_rows WHERE job_id = ? AND outcome != 'bad-input' AND seq % 2 = 0")
      .run(job).changes;
    expect(lost).toBeGreaterThan(5);
    setJobState(f.core.db, job, 'paused');
    const again = runner();
    const fellBack: string[] = [];
    again.on('fallback', (m) => fellBack.push(m));
    expect(await again.run(job)).toBe('done');
    expect(fellBack).toEqual([]);
    expect(outcomes(job)).toEqual(outcomes('PL-LOST-0001'));
    // The batch endpoint answered for the lost lines (one call record each) and recorded no person again.
    const recs = expectOneUseEach(job);
    expect(recs.every((u) => u.path !== '/v1/batch/licenses')).toBe(true);
    const calls = sb.usage.all().filter((u) => u.caseNumber === job);
    expect(calls.length - before).toBeGreaterThan(0);
    expect(calls.slice(before).every((u) => u.path === '/v1/batch/licenses' && !u.holderCode)).toBe(true);
  });
});
