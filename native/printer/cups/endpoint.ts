import { existsSync } from 'node:fs';
import type { IppEndpoint } from '../ipp/client';

const SOCKETS = ['/run/cups/cups.sock', '/var/run/cups/cups.sock', '/private/var/run/cupsd'];

/**
 * Resolves where cupsd listens, the way the CUPS tools do: an explicit setting, then CUPS_SERVER
 * ("host", "host:port" or "/path/to/socket"), then the local domain socket, then localhost:631.
 */
export function resolveCupsEndpoint(
  server?: string,
  env: NodeJS.ProcessEnv = process.env,
  exists: (p: string) => boolean = existsSync,
): IppEndpoint {
  const spec = (server ?? env.CUPS_SERVER ?? '').trim();
  if (spec) return parseServer(spec);
  const sock = SOCKETS.find((p) => exists(p));
  return sock ? { socketPath: sock } : { host: 'localhost', port: 631 };
}

export function parseServer(spec: string): IppEndpoint {
  if (spec.startsWith('/')) return { socketPath: spec };
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(spec);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : 631 };
  const [host, port, extra] = spec.split(':');
  if (extra !== undefined) return { host: spec, port: 631 }; // bare IPv6 address
  const n = port ? Number(port) : 631;
  if (!host || !Number.isInteger(n) || n <= 0 || n > 65535)
    throw new RangeError(`Invalid CUPS server "${spec}": use host, host:port or a socket path`);
  return { host, port: n };
}
