import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';

/** AES-256-GCM with the hall's data key; aad binds a value to its person and field. */
export function sealer(key: Buffer) {
  return {
    seal(text: string, aad: string): string {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(Buffer.from(aad));
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    open(sealed: string, aad: string): string {
      const b = Buffer.from(sealed, 'base64');
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
      d.setAAD(Buffer.from(aad));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
type Sealer = ReturnType<typeof sealer>;

export interface PoolPut {
  personHash: string;
  caseId: string;
  itemCode: string;
  values: Record<string, string>;
}
export interface PoolRead {
  personHash: string;
  caseId: string;
  clerkId: string;
  itemCode: string;
  fields: string[];
}

const HASH = /^[0-9a-f]{32,128}$/;

/** Confirmed values from a finished case: the latest confirmation of a field wins. */
export async function poolPut(pool: Pool, s: Sealer, terminalId: string, p: PoolPut): Promise<void> {
  if (!HASH.test(p.personHash)) throw new Error('HALL_BAD_QUERY');
  const now = Date.now();
  for (const [field, value] of Object.entries(p.values)) {
    const sealed = s.seal(value, `${p.personHash}|${field}`);
    const u = await pool.query(
      'UPDATE pool_values SET sealed = $3, terminal_id = $4, case_id = $5, item_code = $6, confirmed_ms = $7 WHERE person_hash = $1 AND field = $2',
      [p.personHash, field, sealed, terminalId, p.caseId, p.itemCode, now],
    );
    if (u.rowCount === 0)
      await pool.query(
        'INSERT INTO pool_values (person_hash, field, sealed, terminal_id, case_id, item_code, confirmed_ms) VALUES ($1,$2,$3,$4,$5,$6,$7)',
        [p.personHash, field, sealed, terminalId, p.caseId, p.itemCode, now],
      );
  }
}

/**
 * Reads named fields of one person (by keyed hash: the caller must hold the card or a recorded
 * manual entry to compute it) and writes the audit row in the same transaction: no read without
 * its record. There is deliberately no "list" or "search".
 */
export async function poolRead(
  pool: Pool,
  s: Sealer,
  terminalId: string,
  r: PoolRead,
): Promise<Record<string, { value: string; confirmedAt: number; itemCode: string }>> {
  if (!HASH.test(r.personHash) || !r.caseId || !r.clerkId || !r.itemCode) throw new Error('HALL_BAD_QUERY');
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(
      'INSERT INTO pool_reads (at_ms, terminal_id, clerk_id, case_id, item_code, person_hash, fields) VALUES ($1,$2,$3,$4,$5,$6,$7)',
      [Date.now(), terminalId, r.clerkId, r.caseId, r.itemCode, r.personHash, r.fields.join(',')],
    );
    const rows = (
      await c.query<{ field: string; sealed: string; confirmed_ms: string; item_code: string }>(
        'SELECT field, sealed, confirmed_ms, item_code FROM pool_values WHERE person_hash = $1 AND field = ANY($2)',
        [r.personHash, r.fields],
      )
    ).rows;
    await c.query('COMMIT');
    return Object.fromEntries(
      rows.map((x) => [
        x.field,
        {
          value: s.open(x.sealed, `${r.personHash}|${x.field}`),
          confirmedAt: Number(x.confirmed_ms),
          // The item whose case confirmed it (a code, not personal): the form labels the value with it.
          itemCode: x.item_code,
        },
      ]),
    );
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/** For supervisors: who read whose data (by hash), when, in which case. */
export async function poolReads(pool: Pool, sinceMs: number) {
  return (
    await pool.query(
      'SELECT at_ms, terminal_id, clerk_id, case_id, item_code, person_hash, fields FROM pool_reads WHERE at_ms >= $1 ORDER BY at_ms DESC LIMIT 500',
      [sinceMs],
    )
  ).rows;
}
