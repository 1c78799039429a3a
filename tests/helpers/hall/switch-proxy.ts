import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback in front of a server that can be taken down and brought back on the
 * same address: down, it cuts every open connection and refuses new ones at once (as a hall whose
 * machine is off), so the client's URL never changes.
 */
export async function startSwitchProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let up = true;
  const server = createServer((client) => {
    if (!up) return void client.destroy();
    const far = createConnection(target);
    sockets.add(client).add(far);
    const kill = () => {
      client.destroy();
      far.destroy();
      sockets.delete(client);
      sockets.delete(far);
    };
    client.pipe(far);
    far.pipe(client);
    client.on('error', kill).on('close', kill);
    far.on('error', kill).on('close', kill);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    down() {
      up = false;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    up() {
      up = true;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
