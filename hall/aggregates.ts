import type { PoolClient } from 'pg';
import { bucketOf } from './histogram';

/** Hall-local day and hour of a terminal timestamp (the hall's zone, China by default: UTC+8). */
export function dayHour(atMs: number, tzOffsetMin: number): { day: string; hour: number } {
  const d = new Date(atMs + tzOffsetMin * 60_000);
  return { day: d.toISOString().slice(0, 10), hour: d.getUTCHours() };
}

export type Counter = 'accepted' | 'completed' | 'voided' | 'submitted' | 'approved' | 'rejected' | 'rated';
export interface Bucketed {
  itemCode: string;
  clerkId: string;
  windowNo: string;
  openedMs: number;
}

const COLS = new Set([
  'accepted',
  'completed',
  'voided',
  'submitted',
  'approved',
  'rejected',
  'rated_bad',
  'rated_good',
  'rated_1',
  'rated_2',
  'rated_3',
  'rated_4',
  'rated_5',
]);

interface Delta {
  key: (string | number)[];
  cols: Map<string, number>;
}

const HOUR_KEY = ['terminal_id', 'day', 'hour', 'window_no', 'clerk_id', 'item_code'];
const DAY_KEY = ['dim', 'day', 'k'];
const HANDLING_KEY = ['day', 'item_code', 'bucket'];

/**
 * The aggregate changes of one ingest batch, summed in memory and written at the end of the batch's
 * transaction: one UPDATE per distinct aggregate row instead of one per event. Counts go to the
 * case's own bucket (its opening day and hour, window, clerk, item), so a completion rate compares
 * like with like.
 */
export class Aggregates {
  private readonly hour = new Map<string, Delta>();
  private readonly day = new Map<string, Delta>();
  private readonly handlingRows = new Map<string, Delta>();

  constructor(
    private readonly terminalId: string,
    private readonly tz: number,
  ) {}

  bump(c: Bucketed, counter: Counter, rating?: number): void {
    const { day, hour } = dayHour(c.openedMs, this.tz);
    const cols =
      counter === 'rated' ? [rating! <= 2 ? 'rated_bad' : 'rated_good', `rated_${rating}`] : [counter as string];
    add(this.hour, [this.terminalId, day, hour, c.windowNo, c.clerkId, c.itemCode], cols);
    const dayCols = cols.filter((x) => x !== 'rated_bad' && x !== 'rated_good');
    add(this.day, ['h', day, String(hour)], dayCols);
    add(this.day, ['w', day, c.windowNo], dayCols);
    add(this.day, ['c', day, c.clerkId], dayCols);
    add(this.day, ['i', day, c.itemCode], dayCols);
  }

  handling(c: Bucketed, ms: number): void {
    add(this.handlingRows, [dayHour(c.openedMs, this.tz).day, c.itemCode, bucketOf(ms)], ['n']);
  }

  /**
   * Writes the sums. `stat_hour` rows are the terminal's own (its row lock, taken by ingest, keeps
   * other writers out), so "UPDATE, else INSERT" is safe there. Day rows are shared by every
   * terminal: a concurrent first INSERT of the same row fails on the key, so that INSERT runs in a
   * savepoint and falls back to the UPDATE. Rows go in key order so two batches lock them in the
   * same order and cannot deadlock.
   */
  async flush(c: PoolClient): Promise<void> {
    for (const d of sorted(this.hour)) await upsert(c, 'stat_hour', HOUR_KEY, d, false);
    for (const d of sorted(this.day)) await upsert(c, 'stat_day', DAY_KEY, d, true);
    for (const d of sorted(this.handlingRows)) await upsert(c, 'stat_day_handling', HANDLING_KEY, d, true);
  }
}

function add(m: Map<string, Delta>, key: (string | number)[], cols: string[]): void {
  const id = JSON.stringify(key);
  let d = m.get(id);
  if (!d) m.set(id, (d = { key, cols: new Map() }));
  for (const col of cols) d.cols.set(col, (d.cols.get(col) ?? 0) + 1);
}

const sorted = (m: Map<string, Delta>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, d]) => d);

async function upsert(c: PoolClient, table: string, keyCols: string[], d: Delta, shared: boolean): Promise<void> {
  const cols = [...d.cols.keys()];
  for (const col of cols) if (col !== 'n' && !COLS.has(col)) throw new Error(`unknown aggregate column ${col}`);
  const values = [...d.key, ...cols.map((col) => d.cols.get(col)!)];
  const where = keyCols.map((k, i) => `${k} = $${i + 1}`).join(' AND ');
  const set = cols.map((col, i) => `${col} = ${col} + $${keyCols.length + i + 1}`).join(', ');
  const update = () => c.query(`UPDATE ${table} SET ${set} WHERE ${where}`, values);
  if ((await update()).rowCount) return;
  const insert = `INSERT INTO ${table} (${[...keyCols, ...cols].join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`;
  if (!shared) return void (await c.query(insert, values));
  await c.query('SAVEPOINT agg');
  try {
    await c.query(insert, values);
    await c.query('RELEASE SAVEPOINT agg');
  } catch (e) {
    if ((e as { code?: string }).code !== '23505') throw e;
    await c.query('ROLLBACK TO SAVEPOINT agg');
    await update();
  }
}
