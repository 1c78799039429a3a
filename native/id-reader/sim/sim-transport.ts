import { ReaderError } from '../errors';
import { FrameDecoder } from '../frame/decoder';
import { TransportBase, type TransportInfo } from '../transport/types';
import type { Simulator } from './simulator';

/** In-process transport to a Simulator: bytes in, reply frames out, with the simulator's latency. */
export class SimulatorTransport extends TransportBase {
  readonly info: TransportInfo = { kind: 'simulator', id: 'simulator', label: 'Simulated reader (training)' };
  private open_ = false;
  private readonly decoder = new FrameDecoder();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly onChange = (s: { plugged: boolean }) => {
    if (!s.plugged && this.open_)
      this.drop(
        new ReaderError('TRANSPORT_CLOSED', 'Simulated reader was unplugged; replug it in the training panel.'),
      );
  };

  constructor(readonly sim: Simulator) {
    super();
  }

  get isOpen(): boolean {
    return this.open_;
  }

  async open(): Promise<void> {
    if (!this.sim.plugged)
      throw new ReaderError('TRANSPORT_OPEN_FAILED', 'Simulated reader is unplugged; replug it in the training panel.');
    if (this.open_) return;
    this.open_ = true;
    this.decoder.reset();
    this.sim.on('change', this.onChange);
  }

  async close(): Promise<void> {
    if (this.open_) this.drop(undefined);
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.open_) throw new ReaderError('TRANSPORT_CLOSED', 'Simulated reader is not open.');
    for (const ev of this.decoder.feed(data)) {
      const reply =
        ev.type === 'frame'
          ? this.sim.respond(ev.body)
          : ev.error.code === 'FRAME_BAD_CHECKSUM'
            ? this.sim.respondChecksumError()
            : null;
      if (!reply) continue;
      const delay = ev.type === 'frame' ? this.sim.latencyFor(ev.body) : 0;
      if (delay <= 0) {
        // Still asynchronous, as a real device: the reply never arrives inside write().
        setImmediate(() => this.open_ && this.emit('data', reply));
        continue;
      }
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (this.open_) this.emit('data', reply);
      }, delay);
      this.timers.add(t);
    }
  }

  private drop(reason: ReaderError | undefined): void {
    this.open_ = false;
    this.sim.off('change', this.onChange);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.emit('close', reason);
  }
}
