import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../../protocol/id-number';
import { BatchRunner, createJob, listRows, type BatchItem } from '../../../electron/services/batch';
import { getItem, loadCatalog } from '../../../electron/services/catalog';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server';
import { makeCore, type Fixture } from '../../helpers/core';
import { randInt, rng, testSeed } from '../../helpers/rng';

const TODAY = '2026-11-23';
const ROWS = 10_000;

/** Age on a day from the birth date alone, written apart from the rules so the test can disagree with them. */
const ageOn = (birth: string, day: string) =>
  Number(day.slice(0, 4)) - Number(birth.slice(0, 4)) - (day.slice(5) < birth.slice(5) ? 1 : 0);
const birthOf = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;

type Want =
  | { problem: 'duplicate' | 'id-malformed' | 'missing-column' }
  | { outcome: 'passed' | 'failed'; age: 'passed' | 'failed'; license: 'passed' | 'failed' };

/**
 * 10,000 lines whose answers are known from the sandbox's deterministic world, not from the
 * terminal: residents of the world (they hold a resident-ID license with its photo), valid
 * numbers the world does not know (no license: that condition fails), and bad lines — a wrong
 * check digit, a repeated number, an empty name. The batch must give exactly these answers.
 */
describe('a 10,000-row list with known answers', () => {
  let sb: SandboxHandle;
  let f: Fixture;
  let item: BatchItem;
  const want = new Map<number, Want>();
  const seed = testSeed('batch known answers');

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, today: TODAY, appKey: 'ka-app', appSecret: 'ka-secret', adminSecret: 'a' });
    f = await makeCore({ boot: { registry: { url: sb.url, appKey: 'ka-app', appSecret: 'ka-secret' } } });
    item = getItem(loadCatalog(), 'senior-card');
    const r = rng(seed);
    const { residents, byId } = sb.data.world;
    // Ordinary residents only: the named demo residents carry deliberate license faults.
    const pool = residents.filter((p) => p.cardKind === 'resident' && !p.licenseFault && !p.demonstrates);
    const used = new Set<string>();
    const listed: string[] = [];
    const lines = ['编号,姓名,身份证号码'];
    const add = (name: string, id: string, w: Want) => {
      lines.push(`${lines.length},${name},${id}`);
      want.set(lines.length - 1, w);
    };
    while (lines.length <= ROWS) {
      const k = randInt(r, 100);
      if (k < 3 && listed.length > 0) {
        const id = listed[randInt(r, listed.length)]!;
        add('重复者', id, { problem: 'duplicate' });
      } else if (k < 6) {
        const p = pool[randInt(r, pool.length)]!;
        const d = p.idNumber.at(-1)!;
        add(p.name, p.idNumber.slice(0, 17) + (d === '0' ? '1' : '0'), { problem: 'id-malformed' });
      } else if (k < 7) {
        add('', pool[randInt(r, pool.length)]!.idNumber, { problem: 'missing-column' });
      } else if (k < 60) {
        const p = pool[randInt(r, pool.length)]!;
        if (used.has(p.idNumber)) continue;
        used.add(p.idNumber);
        listed.push(p.idNumber);
        const age = ageOn(p.birth, TODAY) >= 60 ? 'passed' : 'failed';
        add(p.name, p.idNumber, { outcome: age, age, license: 'passed' });
      } else {
        const first = `110901${1930 + randInt(r, 80)}0${1 + randInt(r, 9)}1${randInt(r, 9)}${String(randInt(r, 1000)).padStart(3, '0')}`;
        const id = first + idCheckDigit(first)!;
        if (byId.has(id) || used.has(id)) continue;
        used.add(id);
        listed.push(id);
        const age = ageOn(birthOf(id), TODAY) >= 60 ? 'passed' : 'failed';
        add(`无证${lines.length}`, id, { outcome: 'failed', age, license: 'failed' });
      }
    }
    writeFileSync(join(f.dir, 'list.csv'), lines.join('\n') + '\n');
  }, 120_000);
  afterAll(async () => {
    await f?.close();
    await sb?.close();
  });

  it(`gives exactly the known answers (seed ${seed})`, async () => {
    createJob(f.core.db, f.core.services.cipher!, {
      id: 'PL-KNOWN-0001',
      itemCode: item.code,
      reason: '批量核验已知答案',
      clerkId: 'S001',
      source: join(f.dir, 'list.csv'),
      mapping: { name: 1, idNumber: 2 },
    });
    const fellBack: string[] = [];
    let pauses = 0;
    // A loaded machine may stall the registry: the run then pauses (no row recorded as "could not
    // check" for that) and is resumed, as the clerk would, until it is done.
    for (;;) {
      const runner = new BatchRunner({
        db: f.core.db,
        cipher: f.core.services.cipher!,
        licenses: f.core.services.licenses!,
        batch: f.core.services.registry!,
        batchSize: 100,
        item,
        who: { organisation: '示范市政务服务中心', clerk: 'S001' },
        now: () => new Date(`${TODAY}T10:00:00`),
      });
      runner.on('fallback', (m) => fellBack.push(m));
      try {
        expect(await runner.run('PL-KNOWN-0001')).toBe('done');
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== 'BATCH_REGISTRY_DOWN' || ++pauses > 5) throw e;
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    if (fellBack.length || pauses) console.info(`fell back: ${fellBack.join('; ')}; paused ${pauses} times`);

    const rows = listRows(f.core.db, f.core.services.cipher!, 'PL-KNOWN-0001', { item, limit: ROWS + 10 });
    expect(rows).toHaveLength(ROWS);
    const wrong: string[] = [];
    for (const row of rows) {
      const w = want.get(row.seq)!;
      const got =
        'problem' in w
          ? { problem: row.problem }
          : {
              outcome: row.outcome,
              age: row.checks?.find((c) => c.id === 'senior-age')?.result,
              license: row.checks?.find((c) => c.id === 'resident-id-license')?.result,
            };
      if (JSON.stringify(got) !== JSON.stringify(w))
        wrong.push(`line ${row.seq}: want ${JSON.stringify(w)}, got ${JSON.stringify(got)}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    // Every kind of line is in the list, so each answer was put to the test.
    const kinds = new Set([...want.values()].map((w) => ('problem' in w ? w.problem : `${w.age}/${w.license}`)));
    expect([...kinds].sort()).toEqual(
      [
        'duplicate',
        'failed/failed',
        'failed/passed',
        'id-malformed',
        'missing-column',
        'passed/failed',
        'passed/passed',
      ].sort(),
    );
    // Every checked applicant used at the registry under this batch, no bad line ever.
    const listed = new Set(rows.filter((x) => x.outcome !== 'bad-input').map((x) => x.input.idNumber));
    const recs = sb.usage.all().filter((u) => u.caseNumber === 'PL-KNOWN-0001' && u.holderCode);
    expect(new Set(recs.map((u) => u.holderCode))).toEqual(listed);
    expect(listed.size).toBe([...want.values()].filter((w) => !('problem' in w)).length);
  }, 240_000);
});
