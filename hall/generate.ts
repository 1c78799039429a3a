import pg from 'pg';

/**
 * A district's year for the benchmarks: `cases` cases over 365 days, 50 halls × 10 terminals,
 * ~10 events each, written straight with set-based SQL into the tables ingest fills (events,
 * cases, stat_hour), so a million cases take minutes, not the hours one-by-one HTTP would.
 * `npm run hall:generate -- <cases>` against DATABASE_URL (migrated first).
 */
export async function generateYear(pool: pg.Pool, cases: number, year = 2026): Promise<void> {
  const start = Date.parse(`${year}-01-01T00:00:00+08:00`);
  await pool.query(
    `INSERT INTO terminals (id, name, secret)
     SELECT 'g' || t, 'generated ' || t, 'x' FROM generate_series(0, 499) AS t
     WHERE NOT EXISTS (SELECT 1 FROM terminals WHERE id = 'g' || t)`,
  );
  // Case i: terminal i % 500, day spread over the year, 08:00–18:00, handling 2–20 min.
  await pool.query(
    `INSERT INTO cases (terminal_id, case_id, item_code, clerk_id, window_no, opened_day, opened_ms, done_ms, handling_ms, completed, voided, rating)
     SELECT 'g' || (i % 500), 'c' || i, 'ITEM' || (i * 7 % 40), 'k' || (i % 500) || '-' || (i / 500 % 3), 'W' || (i % 500),
            DATE '${year}-01-01' + CAST(i * 365 / $1 AS INTEGER),
            $2 + CAST(i * 365 / $1 AS BIGINT) * 86400000 + 28800000 + (i * 7919 % 36000000),
            NULL, 120000 + (i * 104729 % 1080000), CASE WHEN i % 6 = 0 THEN 0 ELSE 1 END, CASE WHEN i % 20 = 0 THEN 1 ELSE 0 END,
            CASE WHEN i % 2 = 0 THEN 1 + i % 5 END
       FROM generate_series(CAST(0 AS BIGINT), CAST($1 AS BIGINT) - 1) AS i`,
    [cases, start],
  );
  // Ten events per case: the log the hall would hold (bodies short; statistics never read them).
  await pool.query(
    `INSERT INTO events (terminal_id, seq, msg_key, kind, case_id, at_ms, received_ms, body)
     SELECT c.terminal_id, (CAST(SUBSTRING(c.case_id FROM 2) AS BIGINT) / 500) * 10 + e + 1, c.case_id || '.' || e, 'checked', c.case_id,
            c.opened_ms + e * 1000, c.opened_ms + e * 1000, '{}'
       FROM cases c CROSS JOIN generate_series(0, 9) AS e WHERE c.terminal_id LIKE 'g%'`,
  );
  await pool.query(
    `INSERT INTO stat_hour (terminal_id, day, hour, window_no, clerk_id, item_code, accepted, completed, voided, submitted, approved, rejected, rated_bad, rated_good)
     SELECT terminal_id, opened_day, CAST(((opened_ms - $1) / 3600000) % 24 AS SMALLINT), window_no, clerk_id, item_code,
            COUNT(*), SUM(completed), SUM(voided), 0, 0, 0,
            SUM(CASE WHEN rating <= 2 THEN 1 ELSE 0 END), SUM(CASE WHEN rating > 2 THEN 1 ELSE 0 END)
       FROM cases WHERE terminal_id LIKE 'g%'
      GROUP BY terminal_id, opened_day, CAST(((opened_ms - $1) / 3600000) % 24 AS SMALLINT), window_no, clerk_id, item_code`,
    [start],
  );
  await pool.query(
    'UPDATE terminals SET last_seq = (SELECT COALESCE(MAX(seq), 0) FROM events WHERE terminal_id = terminals.id) WHERE id LIKE $1',
    ['g%'],
  );
  await pool.query('ANALYZE');
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  void import('./db/migrate')
    .then(({ migrate }) => migrate(pool))
    .then(() => generateYear(pool, n))
    .then(() => pool.end())
    .then(() => console.log(`generated ${n} cases, ${n * 10} events`));
}
