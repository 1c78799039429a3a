import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Refusal {
  status: 401 | 403;
  code: string;
  message: string;
}

/** Host must name our own loopback port: a DNS-rebinding page arrives with its own host name. */
export function checkHost(req: IncomingMessage, port: number): Refusal | null {
  const host = req.headers.host;
  if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) return null;
  return {
    status: 403,
    code: 'FORBIDDEN_HOST',
    message: 'Requests must address this terminal as 127.0.0.1 or localhost.',
  };
}

/** A browser always sends Origin on cross-site calls; when present it must be this server's own. */
export function checkOrigin(req: IncomingMessage, port: number): Refusal | null {
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  if (origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`) return null;
  return { status: 403, code: 'FORBIDDEN_ORIGIN', message: 'Calls from other web pages are refused.' };
}

export function checkSecret(req: IncomingMessage, secret: string): Refusal | null {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const want = Buffer.from(secret);
  if (given.length === want.length && timingSafeEqual(given, want)) return null;
  return {
    status: 401,
    code: 'AUTH_SECRET',
    message: 'Missing or wrong terminal secret; open the address printed at start-up.',
  };
}
