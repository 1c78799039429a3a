import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../hall/db/migrate';
import { MIGRATIONS } from '../../../hall/db/migrations';
import { bucketOf } from '../../../hall/histogram';
import { startTestPg, testPool } from '../../helpers/hall/pg';

// One test per hall migration, on a real PostgreSQL: each applies alone on top of the previous
// ones and leaves the constraints the code relies on.
let pgs: Awaited<ReturnType<typeof startTestPg>>;
beforeAll(async () => {
  pgs = await startTestPg();
});
afterAll(async () => pgs?.stop());

async function poolAt(upTo: number): Promise<pg.Pool> {
  const pool = testPool(await pgs.freshDb());
  expect(await migrate(pool, upTo)).toEqual(MIGRATIONS.filter((m) => m.n <= upTo).map((m) => m.n));
  return pool;
}

describe('hall migrations', () => {
  it('are numbered 1, 2, 3… without holes and apply once', async () => {
    expect(MIGRATIONS.map((m) => m.n)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const pool = await poolAt(Infinity);
    expect(await migrate(pool)).toEqual([]);
    await pool.end();
  });

  it('001 terminals: nonce is unique per terminal', async () => {
    const pool = await poolAt(1);
    await pool.query("INSERT INTO terminals (id, name, secret) VALUES ('t1', 'A', 's')");
    await pool.query("INSERT INTO seen_nonces VALUES ('t1', 'n1', 1)");
    await expect(pool.query("INSERT INTO seen_nonces VALUES ('t1', 'n1', 2)")).rejects.toThrow(/duplicate key/);
    await expect(pool.query('SELECT 1 FROM events')).rejects.toThrow(/does not exist/);
    await pool.end();
  });

  it('002 events: one row per (terminal, seq) and per (terminal, key)', async () => {
    const pool = await poolAt(2);
    const ins = (seq: number, key: string) =>
      pool.query("INSERT INTO events VALUES ('t1', $1, $2, 'opened', 'c1', 1, 1, '{}')", [seq, key]);
    await ins(1, 'k1');
    await expect(ins(1, 'k2')).rejects.toThrow(/duplicate key/);
    await expect(ins(2, 'k1')).rejects.toThrow(/duplicate key/);
    const idx = await pool.query(
      "SELECT indexname FROM pg_indexes WHERE tablename IN ('cases', 'stat_hour') ORDER BY 1",
    );
    expect(idx.rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining(['cases_item_day', 'stat_hour_day', 'stat_hour_clerk_day']),
    );
    await pool.end();
  });

  it('003 pool: one value per person and field; reads are rows', async () => {
    const pool = await poolAt(3);
    const ins = () => pool.query("INSERT INTO pool_values VALUES ('ab', 'address', 'x', 't1', 'c1', 'I1', 1)");
    await ins();
    await expect(ins()).rejects.toThrow(/duplicate key/);
    await pool.query(
      "INSERT INTO pool_reads (at_ms, terminal_id, clerk_id, case_id, item_code, person_hash, fields) VALUES (1, 't1', 'u1', 'c1', 'I1', 'ab', 'address')",
    );
    expect((await pool.query('SELECT COUNT(*) AS n FROM pool_reads')).rows[0].n).toBe('1');
    await pool.end();
  });

  it('004 stat-day: backfills day and month aggregates and histograms from the rows before it', async () => {
    const pool = await poolAt(3);
    // Two cases on 2026-02-28 at 09:xx hall time (UTC+8), one rated 1, one handled in 5 min.
    const at = Date.parse('2026-02-28T09:10:00+08:00');
    await pool.query(
      `INSERT INTO cases (terminal_id, case_id, item_code, clerk_id, window_no, opened_day, opened_ms, done_ms, handling_ms, completed, voided, rating)
       VALUES ('t1', 'c1', 'I1', 'k1', 'W1', '2026-02-28', $1, $2, 300000, 1, 0, 1), ('t1', 'c2', 'I1', 'k2', 'W1', '2026-02-28', $1, NULL, NULL, 0, 1, NULL)`,
      [at, at + 300_000],
    );
    await pool.query(
      `INSERT INTO stat_hour (terminal_id, day, hour, window_no, clerk_id, item_code, accepted, completed, voided, rated_bad)
       VALUES ('t1', '2026-02-28', 9, 'W1', 'k1', 'I1', 1, 1, 0, 1), ('t1', '2026-02-28', 9, 'W1', 'k2', 'I1', 1, 0, 1, 0)`,
    );
    expect(await migrate(pool, 4)).toEqual([4]);
    const day = await pool.query(
      "SELECT dim, k, accepted, completed, voided, rated_1 FROM stat_day WHERE day = '2026-02-28' ORDER BY dim, k",
    );
    expect(day.rows.map((r) => [r.dim, r.k, r.accepted, r.completed, r.voided, r.rated_1])).toEqual([
      ['c', 'k1', 1, 1, 0, 1],
      ['c', 'k2', 1, 0, 1, 0],
      ['h', '9', 2, 1, 1, 1],
      ['i', 'I1', 2, 1, 1, 1],
      ['t', '*', 2, 1, 1, 1],
      ['w', 'W1', 2, 1, 1, 1],
    ]);
    const month = await pool.query("SELECT dim, k, accepted FROM stat_month WHERE month = '2026-02-01' AND dim = 't'");
    expect(month.rows).toEqual([{ dim: 't', k: '*', accepted: 2 }]);
    const hist = await pool.query('SELECT day, item_code, bucket, n FROM stat_day_handling');
    expect(hist.rows.map((r) => [r.item_code, r.bucket, r.n])).toEqual([['I1', bucketOf(300_000), 1]]);
    expect((await pool.query('SELECT COUNT(*) AS n FROM stat_month_handling')).rows[0].n).toBe('1');
    // The writer lock row, and one row per (dim, day, key).
    expect((await pool.query('SELECT id FROM stat_writer')).rows).toEqual([{ id: 1 }]);
    await expect(pool.query("INSERT INTO stat_day (dim, day, k) VALUES ('t', '2026-02-28', '*')")).rejects.toThrow(
      /duplicate key/,
    );
    await pool.end();
  });

  it('005 worklists: one task per (worklist, seq), tasks need their worklist, steps are rows', async () => {
    const pool = await poolAt(5);
    await pool.query(
      "INSERT INTO worklists (id, area, programme, item_code, built_by, as_of, created_ms) VALUES ('WL-H-20261201-001', '110901001', 'p', 'I1', 't1', '2026-12-01', 1)",
    );
    const task =
      "INSERT INTO worklist_tasks (worklist_id, seq, person_hash, sealed, state, updated_ms) VALUES ($1, 1, 'ab', 'x', 'to-contact', 1)";
    await pool.query(task, ['WL-H-20261201-001']);
    await expect(pool.query(task, ['WL-H-20261201-001'])).rejects.toThrow(/duplicate key/);
    await expect(pool.query(task, ['WL-NONE'])).rejects.toThrow(/foreign key/);
    expect((await pool.query('SELECT version FROM worklist_tasks')).rows).toEqual([{ version: 0 }]);
    await pool.query(
      "INSERT INTO worklist_steps (worklist_id, seq, at_ms, step, by_user, terminal_id) VALUES ('WL-H-20261201-001', 1, 1, 'reached', 'u1', 't1')",
    );
    await pool.end();
  });

  it('006 bad-ratings: one row per terminal and case; bad ones from before it backfilled, due 21 days on', async () => {
    const pool = await poolAt(5);
    await pool.query(
      `INSERT INTO cases (terminal_id, case_id, item_code, clerk_id, window_no, opened_day, opened_ms, rating)
       VALUES ('t1', 'c1', 'I1', 'k1', 'W1', '2026-02-01', 1, 1), ('t1', 'c2', 'I1', 'k1', 'W1', '2026-02-01', 1, 3)`,
    );
    expect(await migrate(pool, 6)).toEqual([6]);
    const r = await pool.query("SELECT case_id, TO_CHAR(deadline, 'YYYY-MM-DD') AS d, closed_ms FROM bad_ratings");
    expect(r.rows).toEqual([{ case_id: 'c1', d: '2026-02-22', closed_ms: null }]);
    await expect(
      pool.query(
        "INSERT INTO bad_ratings (terminal_id, case_id, item_code, clerk_id, window_no, rated_ms, deadline) VALUES ('t1', 'c1', 'I1', 'k1', 'W1', 1, '2026-03-01')",
      ),
    ).rejects.toThrow(/duplicate key/);
    await pool.end();
  });

  it('007 worklist-area: terminals and codes get an area (none before it), a claim its user', async () => {
    const pool = await poolAt(6);
    await pool.query("INSERT INTO terminals (id, name, secret) VALUES ('t1', 'W1', 's')");
    await pool.query("INSERT INTO pairing_codes (code_hash, expires_at) VALUES ('h', CURRENT_TIMESTAMP)");
    expect(await migrate(pool, 7)).toEqual([7]);
    expect((await pool.query('SELECT area FROM terminals')).rows).toEqual([{ area: null }]);
    expect((await pool.query('SELECT area FROM pairing_codes')).rows).toEqual([{ area: null }]);
    await pool.query("UPDATE terminals SET area = '110901001'");
    await expect(pool.query("UPDATE terminals SET area = '1109010010011'")).rejects.toThrow(/too long/);
    await pool.query(
      "INSERT INTO worklists (id, area, programme, item_code, built_by, as_of, created_ms) VALUES ('WL-H-20261201-001', '110901001', 'p', 'I1', 't1', '2026-12-01', 1)",
    );
    await pool.query(
      "INSERT INTO worklist_tasks (worklist_id, seq, person_hash, sealed, state, updated_ms, claimed_user) VALUES ('WL-H-20261201-001', 1, 'ab', 'x', 'to-contact', 1, 'u1')",
    );
    await pool.end();
  });

  it('008 worklist-step-id: a step id is taken once per terminal, steps without one as before', async () => {
    const pool = await poolAt(7);
    await pool.query(
      "INSERT INTO worklist_steps (worklist_id, seq, at_ms, step, by_user, terminal_id) VALUES ('WL-H-20261201-001', 1, 1, 'reached', 'u1', 't1')",
    );
    expect(await migrate(pool, 8)).toEqual([8]);
    expect((await pool.query('SELECT step_id, version_after FROM worklist_steps')).rows).toEqual([
      { step_id: null, version_after: null },
    ]);
    const add = (terminal: string, stepId: string | null) =>
      pool.query(
        "INSERT INTO worklist_steps (worklist_id, seq, at_ms, step, by_user, terminal_id, step_id) VALUES ('WL-H-20261201-001', 1, 2, 'confirm', 'u1', $1, $2)",
        [terminal, stepId],
      );
    await add('t1', null);
    await add('t1', 's1');
    await add('t2', 's1');
    await expect(add('t1', 's1')).rejects.toThrow(/duplicate key/);
    await expect(add('t1', 'x'.repeat(65))).rejects.toThrow(/too long/);
    await pool.end();
  });
});
