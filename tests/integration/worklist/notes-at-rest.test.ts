import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootCore } from '../../../electron/services/core/boot';
import type { Core } from '../../../electron/services/core/core';
import { nodeSandboxLauncher } from '../../../electron/services/training/sandbox-child';
import { inProcess, unwrapping } from '../../helpers/api';
import { makeCore, type Fixture } from '../../helpers/core';
import { plaintextHits } from '../../helpers/licenses';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

/**
 * What staff type on a task ("reached his daughter 李…, he is in hospital") is personal data: it
 * goes in through the API of a booted terminal, reads back through it, and is not in the bytes
 * of counter.db, -wal or -shm. A plain note left by a terminal from before migration 018 is sealed
 * when the terminal starts again (the worklist service's start, which then drops the plain column
 * migration 020 had to leave), and is gone from the files too.
 * The control: the worklist's number is plain in the same files, so a scan that reads nothing fails.
 */
describe('a task note is sealed in the terminal database', () => {
  let sandbox: TestSandbox;
  let f: Fixture;
  let again: Core | undefined;
  const NOTE = '联系到女儿李秀芝，他住院了，下周再联系 WLNOTE-7f3q';
  const OLD_NOTE = '旧版本的备注：儿子王建军代收 WLNOTE-OLD-2x9v';
  const files = () =>
    readdirSync(f.dataDir)
      .filter((n) => n.startsWith('counter.db'))
      .map((n) => join(f.dataDir, n));

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    f = await makeCore({ boot: { registry: sandbox, hallId: 'WL01', stationArea: '110901001' } });
    await f.signInAs('demo-station', 'training-123');
  }, 120_000);
  afterAll(async () => {
    await again?.close();
    await f?.close();
    await sandbox?.stop();
  });

  let worklist = '';
  let taskId = 0;
  let chen = '';

  it('a note typed on a step reads back through the API and is no plain bytes in the files', async () => {
    const wl = await f.callOk('worklist.start', { programme: 'senior-card-65', area: '110901001' });
    worklist = wl.id;
    const task = (await f.callOk('worklist.view', { id: wl.id })).tasks[0]!;
    taskId = task.id;
    chen = task.name;
    await f.callOk('worklist.step', { taskId, step: 'reached', note: NOTE });
    const back = (await f.callOk('worklist.view', { id: wl.id })).tasks.find((t) => t.id === taskId)!;
    expect(back.history.find((h) => h.step === 'reached')?.note).toBe(NOTE);
    // Written, still in the WAL: nowhere plain.
    expect(plaintextHits(files(), [worklist]).length, 'the control (worklist number) is found').toBeGreaterThan(0);
    expect(plaintextHits(files(), [NOTE, 'WLNOTE-7f3q', '李秀芝', chen])).toEqual([]);
    f.core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(plaintextHits(files(), [NOTE, 'WLNOTE-7f3q', '李秀芝', chen])).toEqual([]);
  }, 60_000);

  it('a plain note from before 018 is sealed at the next start and then absent from the files', async () => {
    await f.core.close();
    // The state a terminal upgraded from before 018 straight to 020 is in before its worklist
    // service has started: the plain column still there (020 leaves it while it holds a note) and
    // a step row with its note in it. This terminal is at 020 already, so the column is added back
    // for the test (the real 018 shape is tests/unit/db/020-worklist-plain-note-dropped.test.ts's).
    const raw = new Database(join(f.dataDir, 'counter.db'));
    raw.exec('ALTER TABLE worklist_steps ADD COLUMN note TEXT');
    raw
      .prepare("INSERT INTO worklist_steps(task_id, step, note, by_id, at) VALUES (?, 'not-reached', ?, 'old', 't')")
      .run(taskId, OLD_NOTE);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    expect(
      plaintextHits(files(), ['WLNOTE-OLD-2x9v']).length,
      'the old note is plain before the start',
    ).toBeGreaterThan(0);

    const logs: string[] = [];
    again = await bootCore({
      host: 'web',
      version: '0.0.0-test',
      env: { ...process.env, COUNTER_CONFIG: join(f.dir, 'config.json'), COUNTER_DATA_DIR: f.dataDir },
      launchSandbox: nodeSandboxLauncher(__dirname, resolve(__dirname, '../../..')),
      log: (l) => logs.push(l),
    });
    expect(logs.join('\n')).toContain('sealed 1 step notes written before migration 018');
    expect(
      again.db.prepare("SELECT count(*) FROM pragma_table_info('worklist_steps') WHERE name = 'note'").pluck().get(),
      'the plain column is dropped once sealed',
    ).toBe(0);
    const call = unwrapping(inProcess(again).call);
    await call('auth.signIn', { userId: 'demo-station', password: 'training-123' });
    const history = (await call('worklist.view', { id: worklist })).tasks.find((t) => t.id === taskId)!.history;
    expect(history.filter((h) => h.note).map((h) => h.note)).toEqual([NOTE, OLD_NOTE]);
    expect(plaintextHits(files(), [worklist]).length).toBeGreaterThan(0);
    expect(plaintextHits(files(), [NOTE, OLD_NOTE, 'WLNOTE-7f3q', 'WLNOTE-OLD-2x9v', '王建军', '李秀芝'])).toEqual([]);
  }, 60_000);
});
