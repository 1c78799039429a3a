import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventVisible } from '../services/accounts/gate';
import type { Core } from '../services/core/core';

/**
 * One streaming endpoint carries every contract event as server-sent events. The page reads it with
 * fetch (not EventSource) so the secret travels in the Authorization header, never in a URL.
 */
export function openEventStream(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  caller: 'clerk' | 'citizen' = 'clerk',
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const off = core.bus.onAny((name, payload) => {
    // The citizen's stream carries its own screen and nothing of the clerk's.
    if (caller === 'citizen' ? name !== 'citizen.changed' : name === 'citizen.changed') return;
    if (caller === 'clerk' && !eventVisible(name, core.session)) return;
    res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const beat = setInterval(() => res.write(': ping\n\n'), 15_000);
  const end = () => {
    clearInterval(beat);
    off();
  };
  req.on('close', end);
  res.on('error', end);
}
