import { escapeLiteral, type PoolClient } from 'pg';
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
const MONTH_KEY = ['dim', 'month', 'k'];
const MONTH_HANDLING_KEY = ['month', 'item_code', 'bucket'];
/** First day of the calendar month of a 'YYYY-MM-DD' day. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

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
  private readonly month = new Map<string, Delta>();
  private readonly monthHandling = new Map<string, Delta>();

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
    const month = monthOf(day);
    for (const [dim, k] of [
      ['t', '*'],
      ['h', String(hour)],
      ['w', c.windowNo],
      ['c', c.clerkId],
      ['i', c.itemCode],
    ] as const) {
      add(this.day, [dim, day, k], dayCols);
      add(this.month, [dim, month, k], dayCols);
    }
  }

  handling(c: Bucketed, ms: number): void {
    const { day } = dayHour(c.openedMs, this.tz);
    add(this.handlingRows, [day, c.itemCode, bucketOf(ms)], ['n']);
    add(this.monthHandling, [monthOf(day), c.itemCode, bucketOf(ms)], ['n']);
  }

  /**
   * Writes the sums in few round trips: every UPDATE in one multi-statement query (literals
   * escaped by pg's escapeLiteral: keys are terminal-given strings), then one multi-row INSERT per
   * table for the rows that did not exist yet. `stat_hour` rows are the terminal's own, guarded by
   * its row lock (taken by ingest). Day and month rows are shared by every terminal, so the flush
   * first locks the one row of `stat_writer`: shared aggregates have one writer at a time, from
   * here to the commit (a few ms), and "UPDATE, else INSERT" needs no UPSERT dialect and cannot
   * deadlock (every batch takes the terminal's lock, then this one). `extra` are statements of
   * the same batch to send along (the case row updates).
   */
  async flush(c: PoolClient, extra: string[] = []): Promise<void> {
    const tables = [
      { table: 'stat_hour', keys: HOUR_KEY, rows: sorted(this.hour) },
      { table: 'stat_day', keys: DAY_KEY, rows: sorted(this.day) },
      { table: 'stat_day_handling', keys: HANDLING_KEY, rows: sorted(this.handlingRows) },
      { table: 'stat_month', keys: MONTH_KEY, rows: sorted(this.month) },
      { table: 'stat_month_handling', keys: MONTH_HANDLING_KEY, rows: sorted(this.monthHandling) },
    ];
    const updates = tables.flatMap((t) => t.rows.map((d) => updateSql(t.table, t.keys, d)));
    if (!updates.length && !extra.length) return;
    if (updates.length > tables[0]!.rows.length) updates.unshift('SELECT id FROM stat_writer WHERE id = 1 FOR UPDATE');
    const res = await c.query([...updates, ...extra].join(';\n'));
    const counts = (Array.isArray(res) ? res : [res]).map((r: { rowCount: number | null }) => r.rowCount ?? 0);
    let i = updates.length > tables[0]!.rows.length ? 1 : 0;
    const inserts: string[] = [];
    for (const t of tables) {
      const missing = t.rows.filter(() => counts[i++] === 0);
      if (missing.length) inserts.push(insertSql(t.table, t.keys, missing));
    }
    if (inserts.length) await c.query(inserts.join(';\n'));
  }
}

const lit = (v: string | number) => (typeof v === 'number' ? String(Math.trunc(v)) : escapeLiteral(v));

function checkCols(d: Delta): string[] {
  const cols = [...d.cols.keys()];
  for (const col of cols) if (col !== 'n' && !COLS.has(col)) throw new Error(`unknown aggregate column ${col}`);
  return cols;
}

function updateSql(table: string, keyCols: string[], d: Delta): string {
  const set = checkCols(d)
    .map((col) => `${col} = ${col} + ${d.cols.get(col)!}`)
    .join(', ');
  return `UPDATE ${table} SET ${set} WHERE ${keyCols.map((k, i) => `${k} = ${lit(d.key[i]!)}`).join(' AND ')}`;
}

/** One multi-row INSERT; every row lists every counter any of them has (0 where it has none). */
function insertSql(table: string, keyCols: string[], ds: Delta[]): string {
  const cols = [...new Set(ds.flatMap(checkCols))];
  const rows = ds.map((d) => `(${[...d.key.map(lit), ...cols.map((col) => String(d.cols.get(col) ?? 0))].join(', ')})`);
  return `INSERT INTO ${table} (${[...keyCols, ...cols].join(', ')}) VALUES ${rows.join(', ')}`;
}

function add(m: Map<string, Delta>, key: (string | number)[], cols: string[]): void {
  const id = JSON.stringify(key);
  let d = m.get(id);
  if (!d) m.set(id, (d = { key, cols: new Map() }));
  for (const col of cols) d.cols.set(col, (d.cols.get(col) ?? 0) + 1);
}

const sorted = (m: Map<string, Delta>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, d]) => d);
