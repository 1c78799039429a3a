import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newPairingCode } from '../../../hall/auth';
import { startHall, type HallServer } from '../../../hall/server';
import { hallClient, pairWithHall } from '../../../electron/services/hall/client';
import { hallCaseEvent } from '../../../electron/services/hall/events';
import { hallReceiver } from '../../../electron/services/hall/receiver';
import { Outbox } from '../../../electron/services/outbox';
import { idCheckDigit } from '../../../protocol/id-number';
import type { HallCaseEvent } from '../../../protocol/hall-wire';
import { scanFiles } from '../../helpers/hall/byte-scan';
import { terminalDay } from '../../helpers/hall/events';
import { startTestPg } from '../../helpers/hall/pg';
import { tempDb } from '../../helpers/outbox/driver';
import { rng, testSeed } from '../../helpers/rng';
import { until } from '../../helpers/until';

// A whole hall session on its own PostgreSQL cluster (pairing, a terminal's day synced through
// its outbox, data pool writes and reads from two terminals, a shared worklist put, read and
// stepped with notes, statistics), then a byte scan of
// every file of the cluster. Citizens' names and ID numbers must not be readable anywhere; a
// control name and ID number, written plainly where the hall keeps plain text, must be found by
// the same scan, so a scan that cannot see PostgreSQL's files fails.
let pgs: Awaited<ReturnType<typeof startTestPg>>;
let hall: HallServer;
beforeAll(async () => {
  pgs = await startTestPg();
  hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
});
afterAll(async () => {
  await hall?.close();
  await pgs?.stop();
});

/** A checksum-valid ID number with a seeded sequence part (born 1968-03-12, Beijing district). */
function idNumber(r: () => number): string {
  const first17 = `11010519680312${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17)!;
}

it('PostgreSQL files after a session hold no readable name or ID number (seeded)', { timeout: 60_000 }, async () => {
  const r = rng(testSeed('hall personal data'));
  const people = Array.from({ length: 5 }, (_, i) => ({
    idNumber: idNumber(r),
    name: ['张三丰', '李四光', '王小明', '赵六妹', '欧阳娜娜'][i]!,
    address: `测试市测试路${1 + Math.floor(r() * 99)}号`,
  }));
  // The controls: a terminal's name is plain text at the hall (an admin's label, not a citizen's).
  const control = { name: '控制名称甲', idNumber: '11010519491231002X' };
  expect(people.map((p) => p.idNumber)).not.toContain(control.idNumber);
  const AREA = '110901001';
  const a = await pairWithHall(hall.url, await newPairingCode(hall.pool), `${control.name} ${control.idNumber}`, AREA);
  const b = await pairWithHall(hall.url, await newPairingCode(hall.pool), 'window B', AREA);

  // A terminal's day synced through the real outbox (ids and codes only, by construction).
  const { db, cipher } = tempDb();
  const outbox = new Outbox({ db, cipher, receivers: {}, backoff: { baseMs: 20, maxMs: 200 } });
  const ca = hallClient(a);
  outbox.register(
    'hall',
    hallReceiver(() => ca),
  );
  outbox.start();
  const { events } = terminalDay(r, 'A', 30, Date.parse('2026-12-01T00:00:00+08:00'), ['clerk-a']);
  db.transaction(() => {
    for (const e of events) outbox.enqueue(db, hallCaseEvent(e.body as HallCaseEvent));
  })();
  expect(await outbox.drain(30_000)).toBe(true);
  await outbox.stop();

  // The data pool: A confirms each person's values, B reads them back in a later case.
  const cb = hallClient(b);
  for (const [i, p] of people.entries()) {
    const personHash = randomBytes(32).toString('hex'); // the terminal's keyed hash of the number
    await ca.poolPut({
      personHash,
      caseId: `A-c${i}`,
      itemCode: 'ITEM1',
      values: { name: p.name, idNumber: p.idNumber, address: p.address },
    });
    const got = await cb.poolRead({
      personHash,
      caseId: `B-c${i}`,
      clerkId: 'clerk-b',
      itemCode: 'ITEM2',
      fields: ['name', 'idNumber', 'address'],
    });
    expect(got.values.name!.value).toBe(p.name);
    expect(got.values.idNumber!.value).toBe(p.idNumber);
  }
  await cb.poolReads(0);

  // A shared worklist (PG 005, 007): A puts the persons as the terminal's worklist holds them,
  // B reads them back and works a task with a note naming the person, as staff type notes.
  const wid = 'WL-HALL01-W1-20261201-001';
  await ca.worklistPut({
    id: wid,
    area: AREA,
    programme: 'senior-card-65',
    itemCode: 'senior-card',
    asOf: '2026-12-01',
    tasks: people.map((p, i) => ({
      seq: i + 1,
      personHash: randomBytes(32).toString('hex'),
      person: JSON.stringify({ idNumber: p.idNumber, name: p.name, address: p.address, birth: '1961-01-15' }),
      state: 'to-contact',
    })),
  });
  const shared = (await cb.worklistTasks({ id: wid, area: AREA })).tasks;
  expect(shared.map((t) => (JSON.parse(t.person) as { name: string }).name)).toEqual(people.map((p) => p.name));
  for (const [i, p] of people.entries()) {
    const claimed = await cb.worklistClaim({ id: wid, seq: i + 1, version: 0, byUser: 'station-b' });
    const stepped = await cb.worklistStep({
      id: wid,
      seq: i + 1,
      version: claimed.task.version,
      step: 'reached',
      byUser: 'station-b',
      note: `${p.name}本人接听，住${p.address}`,
    });
    expect(stepped.task.last?.note).toContain(p.name);
  }
  await until('the day in the statistics', async () => {
    const [row] = (await ca.stats({ from: '2026-12-01', to: '2026-12-01', by: 'total' })).rows as {
      accepted: number;
    }[];
    return row?.accepted === 30;
  });
  // Everything on disk: heap, indexes and WAL.
  await hall.pool.query('CHECKPOINT');

  const secrets = people.flatMap((p) => [p.name, p.idNumber, p.address]);
  const scan = scanFiles(pgs.db.dir, [...secrets, control.name]);
  expect(scan.files).toBeGreaterThan(100);
  expect(scan.found.get(control.name)!.length, 'the control name is found').toBeGreaterThan(0);
  expect([...scan.idNumbers.keys()], 'the only readable ID number is the control').toEqual([control.idNumber]);
  const leaks = secrets.filter((s) => scan.found.get(s)!.length > 0);
  expect(leaks, leaks.map((s) => `${s}: ${scan.found.get(s)!.join(', ')}`).join('\n')).toEqual([]);
});
