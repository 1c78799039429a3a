import type { Migration } from '../migrate';

const COUNTERS = `accepted INTEGER NOT NULL DEFAULT 0,
  completed INTEGER NOT NULL DEFAULT 0,
  voided INTEGER NOT NULL DEFAULT 0,
  submitted INTEGER NOT NULL DEFAULT 0,
  approved INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  rated_1 INTEGER NOT NULL DEFAULT 0,
  rated_2 INTEGER NOT NULL DEFAULT 0,
  rated_3 INTEGER NOT NULL DEFAULT 0,
  rated_4 INTEGER NOT NULL DEFAULT 0,
  rated_5 INTEGER NOT NULL DEFAULT 0`;

const MONTH = "CAST(TO_CHAR(day, 'YYYY-MM') || '-01' AS DATE)";
const SUM_COUNTERS =
  'SUM(accepted), SUM(completed), SUM(voided), SUM(submitted), SUM(approved), SUM(rejected), SUM(rated_1), SUM(rated_2), SUM(rated_3), SUM(rated_4), SUM(rated_5)';
/** The month tables as sums of the day tables (the backfill here, the generator for the bench). */
export const MONTH_ROLLUP = `
INSERT INTO stat_month (dim, month, k, accepted, completed, voided, submitted, approved, rejected, rated_1, rated_2, rated_3, rated_4, rated_5)
SELECT dim, ${MONTH}, k, ${SUM_COUNTERS} FROM stat_day GROUP BY dim, ${MONTH}, k;
INSERT INTO stat_month_handling (month, item_code, bucket, n)
SELECT ${MONTH}, item_code, bucket, SUM(n) FROM stat_day_handling GROUP BY ${MONTH}, item_code, bucket;`;

/** Hall-local hour of a case's opening, for the backfill (the hall's default zone, UTC+8). */
const HOUR = 'CAST(MOD((opened_ms + 28800000) / 3600000, 24) AS VARCHAR(2))';
/** Handling-time bucket, the same formula as hall/histogram.ts (10 % wide, from 1 s). */
const BUCKET =
  'CASE WHEN handling_ms < 1000 THEN 0 ELSE LEAST(200, 1 + CAST(FLOOR(LN(handling_ms / 1000.0) / LN(1.1)) AS INTEGER)) END';

function backfill(dim: string, keyFromHour: string, keyFromCases: string): string {
  return `
INSERT INTO stat_day (dim, day, k, accepted, completed, voided, submitted, approved, rejected, rated_1, rated_2, rated_3, rated_4, rated_5)
SELECT '${dim}', day, k, SUM(a), SUM(c), SUM(v), SUM(s), SUM(ap), SUM(rj), SUM(r1), SUM(r2), SUM(r3), SUM(r4), SUM(r5) FROM (
  SELECT day, ${keyFromHour} AS k, accepted a, completed c, voided v, submitted s, approved ap, rejected rj, 0 r1, 0 r2, 0 r3, 0 r4, 0 r5 FROM stat_hour
  UNION ALL
  SELECT opened_day, ${keyFromCases}, 0, 0, 0, 0, 0, 0,
         CASE WHEN rating = 1 THEN 1 ELSE 0 END, CASE WHEN rating = 2 THEN 1 ELSE 0 END, CASE WHEN rating = 3 THEN 1 ELSE 0 END,
         CASE WHEN rating = 4 THEN 1 ELSE 0 END, CASE WHEN rating = 5 THEN 1 ELSE 0 END
    FROM cases WHERE rating IS NOT NULL
) x GROUP BY day, k;`;
}

/**
 * Day-level aggregates, so no statistics screen reads rows per case: `stat_day` holds one row per
 * hall-local day and key of each dimension (t: the day's total, key '*'; h: hour of day, w: window, c: clerk, i: item), with
 * the satisfaction grades counted one by one; `stat_day_handling` holds a histogram of handling
 * times per day and item (10 %-wide buckets), so a median or p90 over a month reads ~days × items
 * × buckets rows instead of sorting the month's cases. `stat_month` and `stat_month_handling` are
 * the same by calendar month, so a range of whole months (a year: 12 rows per key) reads those and
 * only the days at its ends from the day tables. All are written in the ingest transaction, by one
 * writer at a time: the one row of `stat_writer` is the lock (see hall/aggregates.ts).
 * `stat_hour` (per terminal, hour, window, clerk, item) stays for a clerk's own view of today and
 * gains the grades. Existing rows are backfilled; grades from before this migration come from
 * each case's latest rating.
 */
export const m004: Migration = {
  n: 4,
  name: 'stat-day',
  sql: `
CREATE TABLE stat_day (
  dim CHAR(1) NOT NULL,
  day DATE NOT NULL,
  k VARCHAR(64) NOT NULL,
  ${COUNTERS},
  PRIMARY KEY (dim, day, k)
);
CREATE TABLE stat_writer (id SMALLINT PRIMARY KEY);
INSERT INTO stat_writer (id) VALUES (1);
CREATE TABLE stat_month (
  dim CHAR(1) NOT NULL,
  month DATE NOT NULL,
  k VARCHAR(64) NOT NULL,
  ${COUNTERS},
  PRIMARY KEY (dim, month, k)
);
CREATE TABLE stat_month_handling (
  month DATE NOT NULL,
  item_code VARCHAR(64) NOT NULL,
  bucket SMALLINT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (month, item_code, bucket)
);
CREATE TABLE stat_day_handling (
  day DATE NOT NULL,
  item_code VARCHAR(64) NOT NULL,
  bucket SMALLINT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, item_code, bucket)
);
ALTER TABLE stat_hour ADD COLUMN rated_1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stat_hour ADD COLUMN rated_2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stat_hour ADD COLUMN rated_3 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stat_hour ADD COLUMN rated_4 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stat_hour ADD COLUMN rated_5 INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_clerk_day ON cases (clerk_id, opened_day);
${backfill('t', "'*'", "'*'")}
${backfill('h', 'CAST(hour AS VARCHAR(2))', HOUR)}
${backfill('w', 'window_no', 'window_no')}
${backfill('c', 'clerk_id', 'clerk_id')}
${backfill('i', 'item_code', 'item_code')}
INSERT INTO stat_day_handling (day, item_code, bucket, n)
SELECT opened_day, item_code, ${BUCKET}, COUNT(*) FROM cases WHERE handling_ms IS NOT NULL
 GROUP BY opened_day, item_code, ${BUCKET};
${MONTH_ROLLUP}
`,
};
