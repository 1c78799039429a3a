import pg from 'pg';
import { MONTH_ROLLUP } from './db/migrations/004-stat-day';

/** Bumped whenever the generated data changes shape, so a cached bench dataset is rebuilt. */
export const GENERATOR_VERSION = 3;

const COUNTS = (src: string) => `COUNT(*), SUM(completed), SUM(voided), SUM(submitted), SUM(approved), SUM(rejected),
  SUM(CASE WHEN ${src} = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN ${src} = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN ${src} = 3 THEN 1 ELSE 0 END),
  SUM(CASE WHEN ${src} = 4 THEN 1 ELSE 0 END), SUM(CASE WHEN ${src} = 5 THEN 1 ELSE 0 END)`;
const COUNT_COLS =
  'accepted, completed, voided, submitted, approved, rejected, rated_1, rated_2, rated_3, rated_4, rated_5';
const BUCKET =
  'CASE WHEN handling_ms < 1000 THEN 0 ELSE LEAST(200, 1 + CAST(FLOOR(LN(handling_ms / 1000.0) / LN(1.1)) AS INTEGER)) END';

/**
 * A district's year for the benchmarks: `cases` cases over 365 days, 50 halls × 10 terminals,
 * 10 events each, written with set-based SQL on the server (INSERT … SELECT over generate_series,
 * one statement per table; the event indexes are dropped for the load and built after), into the
 * same tables ingest fills: events, cases, stat_hour, stat_day, stat_day_handling. A million cases
 * take a few minutes, not the hours one-by-one HTTP would.
 * `npx tsx hall/generate.ts <cases>` against DATABASE_URL (migrated first).
 */
export async function generateYear(
  pool: pg.Pool,
  cases: number,
  year = 2026,
  log: (s: string) => void = () => undefined,
): Promise<void> {
  const start = Date.parse(`${year}-01-01T00:00:00+08:00`);
  const c = await pool.connect();
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    await c.query(sql, params);
    log(`${what}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    await c.query("SET maintenance_work_mem = '256MB'");
    await c.query('SET synchronous_commit = off');
    await step(
      'terminals',
      `INSERT INTO terminals (id, name, secret)
       SELECT 'g' || t, 'generated ' || t, 'x' FROM generate_series(0, 499) AS t
       WHERE NOT EXISTS (SELECT 1 FROM terminals WHERE id = 'g' || t)`,
    );
    // Case i: terminal i % 500 (hall = terminal / 10), a day spread over the year, 08:00–18:00,
    // handling 2–20 min; a sixth not completed, a twentieth voided, a quarter submitted, half rated.
    await step(
      'plan',
      `CREATE TEMP TABLE gen AS
       SELECT i, 'g' || (i % 500) AS terminal_id, 'c' || i AS case_id, 'ITEM' || (i * 7 % 40) AS item_code,
              'k' || (i % 500) || '-' || (i / 500 % 3) AS clerk_id, 'W' || (i % 500) AS window_no,
              CAST(i * 365 / $1 AS INTEGER) AS d, CAST(8 + (i * 7919 % 36000000) / 3600000 AS SMALLINT) AS hour,
              $2 + CAST(i * 365 / $1 AS BIGINT) * 86400000 + 28800000 + (i * 7919 % 36000000) AS opened_ms,
              120000 + (i * 104729 % 1080000) AS handling_ms,
              CASE WHEN i % 6 = 0 THEN 0 ELSE 1 END AS completed, CASE WHEN i % 20 = 0 THEN 1 ELSE 0 END AS voided,
              CASE WHEN i % 4 = 1 THEN 1 ELSE 0 END AS submitted, CASE WHEN i % 8 = 1 THEN 1 ELSE 0 END AS approved,
              CASE WHEN i % 24 = 5 THEN 1 ELSE 0 END AS rejected, CASE WHEN i % 2 = 0 THEN 1 + i % 5 END AS rating
         FROM generate_series(CAST(0 AS BIGINT), CAST($1 AS BIGINT) - 1) AS i`,
      [cases, start],
    );
    await step(
      'cases',
      `INSERT INTO cases (terminal_id, case_id, item_code, clerk_id, window_no, opened_day, opened_ms, done_ms, handling_ms, completed, voided, rating)
       SELECT terminal_id, case_id, item_code, clerk_id, window_no, DATE '${year}-01-01' + d, opened_ms,
              opened_ms + handling_ms, handling_ms, completed, voided, rating FROM gen`,
    );
    await c.query('ALTER TABLE events DROP CONSTRAINT events_pkey');
    await c.query('DROP INDEX events_key');
    // Ten events per case: the log the hall would hold (bodies short; statistics never read them).
    await step(
      'events',
      `INSERT INTO events (terminal_id, seq, msg_key, kind, case_id, at_ms, received_ms, body)
       SELECT g.terminal_id, (g.i / 500) * 10 + e + 1, g.case_id || '.' || e, 'checked', g.case_id,
              g.opened_ms + e * 1000, g.opened_ms + e * 1000, '{}'
         FROM gen g CROSS JOIN generate_series(0, 9) AS e`,
    );
    await step('events index', 'ALTER TABLE events ADD PRIMARY KEY (terminal_id, seq)');
    await step('events key index', 'CREATE UNIQUE INDEX events_key ON events (terminal_id, msg_key)');
    await step(
      'stat_hour',
      `INSERT INTO stat_hour (terminal_id, day, hour, window_no, clerk_id, item_code, ${COUNT_COLS}, rated_bad, rated_good)
       SELECT terminal_id, DATE '${year}-01-01' + d, hour, window_no, clerk_id, item_code, ${COUNTS('rating')},
              SUM(CASE WHEN rating <= 2 THEN 1 ELSE 0 END), SUM(CASE WHEN rating > 2 THEN 1 ELSE 0 END)
         FROM gen GROUP BY terminal_id, d, hour, window_no, clerk_id, item_code`,
    );
    for (const [dim, key] of [
      ['t', "'*'"],
      ['h', 'CAST(hour AS VARCHAR(2))'],
      ['w', 'window_no'],
      ['c', 'clerk_id'],
      ['i', 'item_code'],
    ] as const)
      await step(
        `stat_day ${dim}`,
        `INSERT INTO stat_day (dim, day, k, ${COUNT_COLS})
         SELECT '${dim}', DATE '${year}-01-01' + d, ${key}, ${COUNTS('rating')} FROM gen
          GROUP BY d${dim === 't' ? '' : `, ${key}`}`,
      );
    await step(
      'stat_day_handling',
      `INSERT INTO stat_day_handling (day, item_code, bucket, n)
       SELECT DATE '${year}-01-01' + d, item_code, ${BUCKET}, COUNT(*) FROM gen GROUP BY d, item_code, ${BUCKET}`,
    );
    await step('month rollups', MONTH_ROLLUP);
    await step(
      'last_seq',
      `UPDATE terminals SET last_seq = (SELECT COALESCE(MAX(seq), 0) FROM events WHERE terminal_id = terminals.id) WHERE id LIKE 'g%'`,
    );
    await c.query('DROP TABLE gen');
    await step('analyze', 'ANALYZE');
  } finally {
    c.release();
  }
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  void import('./db/migrate')
    .then(({ migrate }) => migrate(pool))
    .then(() => generateYear(pool, n, 2026, console.log))
    .then(() => pool.end())
    .then(() => console.log(`generated ${n} cases, ${n * 10} events`));
}
