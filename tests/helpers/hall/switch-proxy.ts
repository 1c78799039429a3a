import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback in front of a server that can be taken down and brought back on the
 * same address: down, it cuts every open connection and refuses new ones at once (as a hall whose
 * machine is off), so the client's URL never changes. `loseAnswers(line, n)`: the next n requests
 * whose first chunk starts with `line` (e.g. `POST /v1/worklists/step `) reach the server, and the
 * connection is cut as its answer comes back: the server did the work, the client never hears.
 */
export async function startSwitchProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let up = true;
  let hanging = false;
  const held = new Set<Socket>();
  const lose = { line: '', left: 0, lost: 0 };
  const server = createServer((client) => {
    if (!up) return void client.destroy();
    if (hanging) {
      // Taken and read, never answered: a hall whose machine froze.
      held.add(client);
      client.on('data', () => undefined).on('error', () => undefined);
      return;
    }
    const far = createConnection(target);
    sockets.add(client).add(far);
    const kill = () => {
      client.destroy();
      far.destroy();
      sockets.delete(client);
      sockets.delete(far);
    };
    let losing = false;
    client.on('data', (chunk: Buffer) => {
      // Hanging: a request on a connection already open is swallowed too, never answered.
      if (hanging) return;
      if (lose.left > 0 && chunk.toString('latin1').startsWith(lose.line)) {
        lose.left -= 1;
        losing = true;
      }
      far.write(chunk);
    });
    far.on('data', (chunk: Buffer) => {
      if (!losing) return void client.write(chunk);
      lose.lost += 1;
      kill();
    });
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
      // The requests swallowed while hanging are cut, as a hall that comes back drops them.
      if (hanging) {
        for (const s of [...sockets, ...held]) s.destroy();
        sockets.clear();
        held.clear();
      }
      hanging = false;
    },
    /** Requests are taken and never answered, on open connections and new ones, until up(). */
    hang() {
      hanging = true;
    },
    loseAnswers(line: string, n = 1) {
      lose.line = line;
      lose.left = n;
    },
    /** Answers cut so far by loseAnswers. */
    get lost() {
      return lose.lost;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of [...sockets, ...held]) s.destroy();
        server.close(() => r());
      }),
  };
}
