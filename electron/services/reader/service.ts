import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { ReaderDeviceView } from '../../api/types';
import {
  createReaderManager,
  Simulator,
  type Card,
  type DemoCardInput,
  type DemoCardSummary,
  type FaultKind,
  type ReaderManager,
  type ReaderManagerConfig,
  type ReaderStatus as DriverStatus,
} from '../../../native/id-reader';
import type { CounterConfig } from '../config/schema';
import type { StatusStore } from '../core/status';
import type { EventBus } from '../core/bus';

export interface CurrentCard {
  readId: string;
  card: Card;
}

/**
 * The app side of the ID reader: runs the driver's manager, keeps the card now on the reader
 * (full number on the main side only), and publishes status and card events to both hosts.
 */
export class ReaderService {
  readonly simulator?: Simulator;
  private readonly manager: ReaderManager;
  private current: CurrentCard | null = null;
  private readonly placedListeners = new Set<(c: CurrentCard) => void>();
  private readonly removedListeners = new Set<() => void>();

  constructor(
    private readonly deps: { bus: EventBus; status: StatusStore; log: (l: string) => void },
    config: CounterConfig['reader'],
    training: { cards?: DemoCardInput[]; latency?: { find: number; select: number; read: number } } | null,
  ) {
    const cfg: ReaderManagerConfig = {
      readAddedAddress: config.readAddedAddress,
      logger: { info: (m) => deps.log(`[reader] ${m}`), warn: (m) => deps.log(`[reader] ${m}`) },
    };
    if (config.kind === 'simulator' || training) {
      this.simulator = new Simulator({
        ...(training?.cards?.length ? { cards: training.cards } : {}),
        latency: training?.latency ?? { find: 5, select: 5, read: 60 },
      });
      cfg.source = 'simulator';
      cfg.simulator = this.simulator;
    } else {
      cfg.source = config.kind === 'auto' || config.kind === 'keyboard' ? 'auto' : config.kind;
      if (config.select) cfg.device = config.select;
      cfg.serial = { baudRate: config.baudRate };
    }
    this.manager = createReaderManager(cfg);
    this.manager.on('status', (s) => this.onStatus(s));
    this.manager.on('card-placed', (read) => {
      const readId = randomUUID();
      const card = read.card;
      // The photo (WLT) is not needed: the portrait comes from the registry's resident-ID license.
      read.wipe();
      this.current = { readId, card };
      // The event says only that a card arrived: what the page shows of the person comes with the case.
      deps.bus.emit('card.placed', { readId, at: new Date().toISOString() });
      for (const fn of this.placedListeners) fn(this.current);
    });
    this.manager.on('card-removed', () => {
      if (!this.current) return;
      const readId = this.current.readId;
      this.current = null;
      deps.bus.emit('card.removed', { readId, at: new Date().toISOString() });
      for (const fn of this.removedListeners) fn();
    });
    this.manager.on('card-error', (err) => deps.log(`[reader] card error ${err.code}: ${err.message}`));
  }

  start(): void {
    this.manager.start();
  }

  async stop(): Promise<void> {
    await this.manager.stop();
  }

  card(): CurrentCard | null {
    return this.current;
  }

  onPlaced(fn: (c: CurrentCard) => void): () => void {
    this.placedListeners.add(fn);
    return () => this.placedListeners.delete(fn);
  }

  onRemoved(fn: () => void): () => void {
    this.removedListeners.add(fn);
    return () => this.removedListeners.delete(fn);
  }

  demoCards(): DemoCardSummary[] {
    return this.simulator?.listDemoCards() ?? [];
  }

  private onStatus(s: DriverStatus): void {
    const device = s.reader?.label;
    const devices: ReaderDeviceView[] | undefined = s.devices?.map((d) => ({ ...d }));
    this.deps.status.setReader({
      state: s.state,
      ...(device ? { device } : {}),
      ...(s.code ? { code: s.code } : {}),
      ...(s.params ? { params: s.params } : {}),
      ...(devices?.length ? { devices } : {}),
    });
  }

  fault(kind: FaultKind): void {
    if (!this.simulator) return;
    if (kind === 'unplug') {
      // One button toggles: unplug a plugged reader, plug an unplugged one back in.
      if (this.simulator.plugged) this.simulator.unplug();
      else this.simulator.replug();
      return;
    }
    this.simulator.injectFault(kind, kind === 'no_card' ? 3 : 1);
  }

  /** Training panel: place a demo card, or take it off when it is the one on the reader. */
  toggleCard(id: string): { placed: string | null } {
    if (!this.simulator) return { placed: null };
    // The id comes from the page: an unknown one ("nope", "__proto__") is the caller's mistake.
    if (!this.demoCards().some((c) => c.id === id))
      throw new AppError(
        'INVALID_ARGUMENT',
        `No demo card "${id.slice(0, 64)}"; pick one from the training panel.`,
        'id',
      );
    if (this.simulator.placed === id) {
      this.simulator.remove();
      return { placed: null };
    }
    this.simulator.place(id);
    return { placed: id };
  }

  trainingState(): { plugged: boolean; placed: string | null } {
    return { plugged: this.simulator?.plugged ?? false, placed: this.simulator?.placed ?? null };
  }
}
