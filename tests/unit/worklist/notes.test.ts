import { afterAll, describe, expect, it } from 'vitest';
import type { HallWorklistTask } from '../../../protocol/hall-wire';
import { isCryptoError } from '../../../electron/services/crypto';
import { mirrorTasks } from '../../../electron/services/worklist/hall-share';
import { addStep, createWorklist, getWorklist, insertTask, steps } from '../../../electron/services/worklist/store';
import { plaintextHits } from '../../helpers/licenses';
import { tempDb } from '../../helpers/outbox/driver';

// A step's note on a real SQLite file: sealed under its own task and row, readable back only there.
describe('a worklist step note is sealed to its step', () => {
  const { db, cipher, file } = tempDb();
  afterAll(() => db.close());
  const person = (n: number) => ({ idNumber: `11010519610115${String(n).padStart(3, '0')}X`, name: `测试人${n}` });
  createWorklist(db, {
    id: 'WL-T-20261201-001',
    programme: 'senior-card-65',
    item_code: 'senior-card',
    area: '110901001',
    within_days: 45,
    as_of: '2026-12-01',
    created_by: 'st',
  });
  const [a, b] = [1, 2].map((seq) =>
    insertTask(db, cipher, { worklist: 'WL-T-20261201-001', seq, subject: `s${seq}`, person: person(seq), by: 'st' })!,
  );
  const NOTE = '联系到女儿李秀芝，他住院了 STEP-NOTE-5h2k';
  addStep(db, cipher, a!, 'reached', 'st', NOTE);

  it('reads back through steps() and is no plain bytes in the file', () => {
    expect(steps(db, cipher, a!).map((s) => s.note)).toEqual([undefined, NOTE]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(plaintextHits([file, `${file}-wal`], [NOTE, 'STEP-NOTE-5h2k', '李秀芝'])).toEqual([]);
  });

  const blob = () =>
    db
      .prepare('SELECT note_sealed FROM worklist_steps WHERE note_sealed IS NOT NULL ORDER BY id LIMIT 1')
      .pluck()
      .get() as Buffer;
  const planted = db.prepare(
    "INSERT INTO worklist_steps(task_id, step, note_sealed, by_id, at) VALUES (?, 'reached', ?, 'st', 't')",
  );

  it("copied onto another task's step, it fails its integrity check naming the row instead of showing there", () => {
    planted.run(b!, blob());
    let err: unknown;
    try {
      steps(db, cipher, b!);
    } catch (e) {
      err = e;
    }
    expect(isCryptoError(err, 'INTEGRITY'), String(err)).toBe(true);
    expect((err as Error).message).toMatch(new RegExp(`worklist_steps/v1\\|${b}\\|\\d+\\|note.*moved to another row`));
  });

  it('copied onto another step of the same task, it fails too', () => {
    planted.run(a!, blob());
    expect(() => steps(db, cipher, a!)).toThrow(/failed its integrity check/);
  });

  it("a note mirrored from the hall's last step is sealed here as the terminal's own are", () => {
    const w = getWorklist(db, 'WL-T-20261201-001');
    const HALL_NOTE = '邻居说她去女儿家了 HALL-NOTE-9d3m';
    const task: HallWorklistTask = {
      worklistId: w.id,
      seq: 3,
      person: JSON.stringify(person(3)),
      state: 'reached',
      version: 2,
      assignedTo: null,
      claimedBy: null,
      claimedByName: null,
      claimedUser: null,
      claimedUntil: null,
      caseRef: null,
      outputRef: null,
      updatedMs: Date.parse('2026-12-01T02:00:00Z'),
      last: { step: 'reached', byUser: 'u2', terminal: 'HALL01/W2', atMs: 1, note: `${HALL_NOTE}${'长'.repeat(600)}` },
    };
    expect(mirrorTasks(db, cipher, w, [task], 'st')).toBe(1);
    const id = db.prepare('SELECT id FROM worklist_tasks WHERE seq = 3').pluck().get() as number;
    const mirrored = steps(db, cipher, id).at(-1)!;
    expect(mirrored).toMatchObject({ step: 'reached', by: 'u2@HALL01/W2' });
    // A hall that sends more than the cap is cut to it, as the hall itself cuts.
    expect(mirrored.note!.startsWith(HALL_NOTE)).toBe(true);
    expect(mirrored.note!.length).toBe(500);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(plaintextHits([file, `${file}-wal`], ['HALL-NOTE-9d3m'])).toEqual([]);
  });
});
