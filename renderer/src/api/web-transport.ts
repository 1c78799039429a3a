import type { CounterBridge } from '../../../electron/api/bridge';
import type { ApiResult } from '../../../electron/api/types';

const SECRET_KEY = 'counter.secret';

/**
 * The secret arrives once in the URL fragment (never sent to a server); it is kept in this tab's
 * sessionStorage so a reload works, and removed from the address bar at once.
 */
export function takeSecret(): string | null {
  const m = /(?:^#|&)secret=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(SECRET_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(SECRET_KEY);
}

function parseSse(buffer: string, emit: (event: string, data: string) => void): string {
  let rest = buffer;
  for (let i = rest.indexOf('\n\n'); i >= 0; i = rest.indexOf('\n\n')) {
    const block = rest.slice(0, i);
    rest = rest.slice(i + 2);
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length) emit(event, data.join('\n'));
  }
  return rest;
}

export function webTransport(secret: string): CounterBridge {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const headers = { Authorization: `Bearer ${secret}` };

  async function stream(): Promise<void> {
    for (;;) {
      try {
        const res = await fetch('/api/events', { headers });
        if (!res.ok || !res.body) throw new Error(String(res.status));
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf = parseSse(buf + value, (event, data) => listeners.get(event)?.forEach((fn) => fn(JSON.parse(data))));
        }
      } catch {
        // The host restarted or the link dropped: retry shortly; the status bar shows the gap.
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  void stream();

  return {
    async invoke(name, args): Promise<ApiResult<unknown>> {
      try {
        const res = await fetch(`/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify(args ?? {}),
        });
        return (await res.json()) as ApiResult<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'APP_HOST_UNREACHABLE', message: 'The terminal service is not answering.' },
        };
      }
    },
    on(event, fn) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(fn);
      return () => listeners.get(event)?.delete(fn);
    },
  };
}
