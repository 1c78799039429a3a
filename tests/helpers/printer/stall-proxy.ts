import { createServer, connect, type Socket } from 'node:net';

/**
 * A TCP proxy in front of cupsd that can stall its replies: while stalled, bytes from cupsd are
 * held back (requests still go through, so the spooler acts on them); `release()` lets them
 * flow again, `drop()` throws them away and closes those connections, as a killed client would
 * never read them. Stands in for a slow print server between the terminal and CUPS.
 */
export interface StallProxy {
  server: string;
  stall(): void;
  release(): void;
  /** Ends the stall by closing every held connection without delivering its reply. */
  drop(): void;
  close(): Promise<void>;
}

export async function startStallProxy(targetPort: number): Promise<StallProxy> {
  let stalled = false;
  const held = new Map<Socket, Buffer[]>();
  const open = new Set<Socket>();
  const srv = createServer((client) => {
    const up = connect({ host: '127.0.0.1', port: targetPort });
    open.add(client).add(up);
    const end = () => {
      held.delete(client);
      client.destroy();
      up.destroy();
      open.delete(client);
      open.delete(up);
    };
    client.on('data', (b) => up.write(b));
    up.on('data', (b) => {
      if (stalled || held.has(client)) held.set(client, [...(held.get(client) ?? []), b]);
      else client.write(b);
    });
    client.on('error', end).on('close', end);
    up.on('error', end).on('close', () => {
      if (!held.has(client)) end(); // a held reply stays until released or dropped
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  return {
    server: `127.0.0.1:${port}`,
    stall: () => void (stalled = true),
    release: () => {
      stalled = false;
      for (const [c, bufs] of held) {
        held.delete(c);
        for (const b of bufs) c.write(b);
      }
    },
    drop: () => {
      stalled = false;
      for (const c of held.keys()) c.destroy();
      held.clear();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of open) s.destroy();
        srv.close(() => r());
      }),
  };
}
