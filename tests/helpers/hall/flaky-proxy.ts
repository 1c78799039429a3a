import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback that, for each chunk a client sends (seeded), passes it, drops the
 * connection before the far end sees it, passes it and drops the connection when the answer comes
 * (the hall did the work, the terminal never hears), or stalls past the client's timeout.
 * Per chunk, not per connection, because fetch keeps connections alive.
 */
export async function startFlakyProxy(target: { host: string; port: number }, r: () => number) {
  const sockets = new Set<Socket>();
  const faults = { dropped: 0, answerLost: 0, stalled: 0, passed: 0 };
  const server = createServer((client) => {
    const up = createConnection(target);
    sockets.add(client).add(up);
    let loseAnswer = false;
    const kill = () => {
      client.destroy();
      up.destroy();
    };
    client.on('data', (chunk) => {
      const fate = r();
      if (fate < 0.12) {
        faults.dropped += 1;
        return kill();
      }
      if (fate < 0.24) {
        faults.answerLost += 1;
        loseAnswer = true;
      } else if (fate < 0.32) {
        faults.stalled += 1;
        client.pause();
        setTimeout(kill, 1500);
        return;
      } else faults.passed += 1;
      up.write(chunk);
    });
    up.on('data', (chunk) => (loseAnswer ? kill() : client.write(chunk)));
    client.on('error', kill);
    up.on('error', kill);
    client.on('close', () => (sockets.delete(client), up.destroy()));
    up.on('close', () => (sockets.delete(up), client.destroy()));
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return {
    faults,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((res) => {
        for (const s of sockets) s.destroy();
        server.close(() => res());
      }),
  };
}
