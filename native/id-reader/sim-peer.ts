/**
 * Simulated reader on a serial line, e.g. one end of a socat pty pair:
 *   node --import tsx native/id-reader/sim-peer.ts --path /tmp/x/b [--card resident-wang]
 *        [--cards cards.json] [--latency find=30,select=30,read=800] [--baud 115200] [--find-miss-after-read]
 * Commands on stdin, one per line: place <id> | remove | fault <kind> [times] | unplug | replug | list | quit
 * Prints "ready" once the port is open, and "ok ..." / "error ..." per command.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { FrameDecoder } from './frame/decoder';
import { SerialTransport } from './transport/serial';
import { Simulator, type FaultKind, type SimLatency } from './sim/simulator';

function parseLatency(s: string | undefined): Partial<SimLatency> {
  const out: Partial<SimLatency> = {};
  for (const part of (s ?? '').split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (k === 'find' || k === 'select' || k === 'read' || k === 'other') out[k] = Number(v);
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      path: { type: 'string' },
      card: { type: 'string' },
      cards: { type: 'string' },
      latency: { type: 'string' },
      baud: { type: 'string' },
      'find-miss-after-read': { type: 'boolean' },
    },
  });
  if (!values.path) throw new Error('--path <serial device> is required');
  const sim = new Simulator({
    ...(values.cards ? { cards: JSON.parse(readFileSync(values.cards, 'utf8')) as unknown[] } : {}),
    latency: parseLatency(values.latency),
    findMissAfterRead: values['find-miss-after-read'] ?? false,
  });
  if (values.card) sim.place(values.card);

  const port = new SerialTransport({ path: values.path, baudRate: Number(values.baud ?? 115200) });
  await port.open();
  const decoder = new FrameDecoder();
  port.on('data', (chunk) => {
    for (const ev of decoder.feed(chunk)) {
      const reply =
        ev.type === 'frame'
          ? sim.respond(ev.body)
          : ev.error.code === 'FRAME_BAD_CHECKSUM'
            ? sim.respondChecksumError()
            : null;
      if (!reply) continue;
      const delay = ev.type === 'frame' ? sim.latencyFor(ev.body) : 0;
      const send = () => void port.write(reply).catch((e: unknown) => console.error(`error write ${String(e)}`));
      if (delay > 0) setTimeout(send, delay);
      else send();
    }
  });
  port.on('close', () => process.exit(0));

  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const [cmd, arg, arg2] = line.trim().split(/\s+/);
    try {
      if (cmd === 'place' && arg) sim.place(arg);
      else if (cmd === 'remove') sim.remove();
      else if (cmd === 'fault' && arg) sim.injectFault(arg as FaultKind, Number(arg2 ?? 1));
      else if (cmd === 'unplug') sim.unplug();
      else if (cmd === 'replug') sim.replug();
      else if (cmd === 'list') console.log(JSON.stringify(sim.listDemoCards()));
      else if (cmd === 'quit') return void port.close().finally(() => process.exit(0));
      else if (cmd) throw new Error(`unknown command "${line.trim()}"`);
      console.log(`ok ${line.trim()}`);
    } catch (e) {
      console.log(`error ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  const stop = () => void port.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log('ready');
}

main().catch((e: unknown) => {
  console.error(`sim-peer: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
