import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../hall/db/migrate';
import { MIGRATIONS } from '../../../hall/db/migrations';
import { startTestPg } from '../../helpers/hall/pg';

// One test per hall migration, on a real PostgreSQL: each applies alone on top of the previous
// ones and leaves the constraints the code relies on.
let pgs: Awaited<ReturnType<typeof startTestPg>>;
beforeAll(async () => {
  pgs = await startTestPg();
});
afterAll(async () => pgs?.stop());

async function poolAt(upTo: number): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: await pgs.freshDb() });
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
});
