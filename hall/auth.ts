import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Pool } from 'pg';
import { HEADER, MAX_CLOCK_SKEW_MS, hmacHex, safeEqualHex, sha256Hex, stringToSign } from '../protocol/request-auth';

const CODE_TTL_MS = 10 * 60_000;
const hashCode = (code: string) => createHash('sha256').update(code.trim()).digest('hex');

const AREA = /^\d{6}(\d{3}){0,2}$/;

/**
 * A one-time pairing code, 8 digits, shown on the hall server's console; only its hash is stored.
 * With `area`, only a terminal of that station (config `station.area`) can spend it.
 */
export async function newPairingCode(pool: Pool, area?: string): Promise<string> {
  if (area !== undefined && !AREA.test(area)) throw new Error(`not an area code: ${area}`);
  const code = String(randomInt(10_000_000, 100_000_000));
  await pool.query('INSERT INTO pairing_codes (code_hash, expires_at, area) VALUES ($1, $2, $3)', [
    hashCode(code),
    new Date(Date.now() + CODE_TTL_MS),
    area ?? null,
  ]);
  return code;
}

/**
 * Spends a code (once, before it expires) on a new terminal and returns its id and secret. The
 * terminal's station area (what it sends, checked against the code's area when the code has one)
 * is fixed here: the worklist routes share a worklist only with terminals paired for its area.
 */
export async function pair(
  pool: Pool,
  code: string,
  name: string,
  area?: string,
): Promise<{ terminalId: string; secret: string; area: string | null } | null> {
  const sent = area && AREA.test(area) ? area : null;
  const terminalId = `t-${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(32).toString('hex');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const r = await client.query(
      `UPDATE pairing_codes SET used_at = CURRENT_TIMESTAMP, terminal_id = $2
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $3 AND (area IS NULL OR area = $4) RETURNING area`,
      [hashCode(code), terminalId, new Date(), sent],
    );
    if (r.rowCount !== 1) {
      await client.query('ROLLBACK');
      return null;
    }
    const fixed = (r.rows[0] as { area: string | null }).area ?? sent;
    await client.query('INSERT INTO terminals (id, name, secret, area) VALUES ($1, $2, $3, $4)', [
      terminalId,
      name.slice(0, 100),
      secret,
      fixed,
    ]);
    await client.query('COMMIT');
    return { terminalId, secret, area: fixed };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Gives a terminal paired without a station area (one paired before PG 007, or whose config had
 * none) its area, from the hall's console, so it shares worklists without pairing again. Only
 * once: moving a terminal to another station is a revoke and a new pairing, so a terminal's area
 * never changes under the worklists it already shares.
 */
export async function setTerminalArea(
  pool: Pool,
  terminalId: string,
  area: string,
): Promise<'set' | 'has-area' | 'no-such-terminal'> {
  if (!AREA.test(area)) throw new Error(`not an area code: ${area} (6, 9 or 12 digits)`);
  const r = await pool.query(
    'UPDATE terminals SET area = $2 WHERE id = $1 AND revoked_at IS NULL AND area IS NULL RETURNING id',
    [terminalId, area],
  );
  if (r.rowCount === 1) return 'set';
  const t = await pool.query('SELECT area FROM terminals WHERE id = $1 AND revoked_at IS NULL', [terminalId]);
  return t.rowCount === 1 ? 'has-area' : 'no-such-terminal';
}

/** Active terminals with no station area: they share no worklist until given one (setTerminalArea). */
export async function terminalsWithoutArea(pool: Pool): Promise<Array<{ id: string; name: string }>> {
  const r = await pool.query(
    'SELECT id, name FROM terminals WHERE area IS NULL AND revoked_at IS NULL ORDER BY paired_at, id',
  );
  return r.rows as Array<{ id: string; name: string }>;
}

export async function revoke(pool: Pool, terminalId: string): Promise<boolean> {
  const r = await pool.query(
    'UPDATE terminals SET revoked_at = CURRENT_TIMESTAMP WHERE id = $1 AND revoked_at IS NULL',
    [terminalId],
  );
  return r.rowCount === 1;
}

export type AuthResult =
  { ok: true; terminalId: string; area: string | null; name: string } | { ok: false; reason: string };

/**
 * Checks a signed call: known, not revoked terminal; fresh timestamp; correct HMAC over the same
 * string as registry calls; a nonce never seen before from this terminal (the INSERT's primary key
 * makes a replay fail even when two copies arrive at once). Refusals are logged.
 */
export async function verify(pool: Pool, req: IncomingMessage, body: string, now = Date.now()): Promise<AuthResult> {
  const h = (n: string) => String(req.headers[n] ?? '');
  const terminalId = h(HEADER.appKey);
  const result = await check();
  if (!result.ok) {
    await pool.query(
      'INSERT INTO auth_refusals (terminal_id, reason, method, path, remote) VALUES ($1, $2, $3, $4, $5)',
      [
        terminalId.slice(0, 40) || null,
        result.reason,
        (req.method ?? '').slice(0, 10),
        (req.url ?? '').slice(0, 200),
        req.socket.remoteAddress ?? null,
      ],
    );
  }
  return result;

  async function check(): Promise<AuthResult> {
    const row = (
      await pool.query<{ secret: string; revoked_at: Date | null; area: string | null; name: string }>(
        'SELECT secret, revoked_at, area, name FROM terminals WHERE id = $1',
        [terminalId],
      )
    ).rows[0];
    if (!row) return { ok: false, reason: 'unknown-terminal' };
    if (row.revoked_at) return { ok: false, reason: 'revoked' };
    const ts = Number(h(HEADER.timestamp));
    if (!Number.isFinite(ts) || Math.abs(now - ts) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'clock-skew' };
    const nonce = h(HEADER.nonce);
    if (!/^[0-9a-f]{16,64}$/.test(nonce)) return { ok: false, reason: 'bad-nonce' };
    const expected = hmacHex(
      row.secret,
      stringToSign({
        method: req.method ?? '',
        pathAndQuery: req.url ?? '',
        timestamp: h(HEADER.timestamp),
        nonce,
        bodySha256: sha256Hex(body),
        usageValues: ['', '', '', '', '', ''],
      }),
    );
    if (!safeEqualHex(expected, h(HEADER.signature))) return { ok: false, reason: 'bad-signature' };
    try {
      await pool.query('INSERT INTO seen_nonces (terminal_id, nonce, seen_at) VALUES ($1, $2, $3)', [
        terminalId,
        nonce,
        now,
      ]);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') return { ok: false, reason: 'replayed' };
      throw e;
    }
    return { ok: true, terminalId, area: row.area, name: row.name };
  }
}

/** Nonces older than the clock window can't be replayed anyway (the timestamp check refuses them). */
export async function pruneNonces(pool: Pool, now = Date.now()): Promise<void> {
  await pool.query('DELETE FROM seen_nonces WHERE seen_at < $1', [now - 2 * MAX_CLOCK_SKEW_MS]);
}
