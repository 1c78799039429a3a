import type { Pool } from 'pg';
import { MIGRATIONS } from './migrations';

export interface Migration {
  n: number;
  name: string;
  sql: string;
}

/**
 * Applies the numbered migrations not yet recorded in `hall_migrations`, each in its own
 * transaction, under an advisory lock so two hall processes starting together apply each once.
 */
export async function migrate(pool: Pool, upTo = Infinity): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(771013)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS hall_migrations (n INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)',
    );
    const done = new Set((await client.query<{ n: number }>('SELECT n FROM hall_migrations')).rows.map((r) => r.n));
    for (const m of MIGRATIONS) {
      if (m.n > upTo || done.has(m.n)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO hall_migrations (n, name) VALUES ($1, $2)', [m.n, m.name]);
        await client.query('COMMIT');
        applied.push(m.n);
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`hall migration ${m.n} (${m.name}) failed: ${(e as Error).message}`);
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(771013)').catch(() => undefined);
    client.release();
  }
  return applied;
}
