import { EventEmitter } from 'node:events';
import { commandName, encodeResponse, parseCommandBody, type CommandName } from '../frame/codec';
import { encodeAddedAddress, encodeCardDataReply } from '../frame/replies';
import { encodeCardText } from '../text/encode';
import { BUILTIN_DEMO_CARDS, fakeBiometric, parseDemoCards, type DemoCard } from './demo-cards';

export type FaultKind = 'no_card' | 'checksum' | 'read_failed' | 'timeout' | 'unplug';

export interface SimLatency {
  find: number;
  select: number;
  read: number;
  other: number;
}

export interface SimulatorOptions {
  /** Card descriptions (validated); defaults to the built-in demo cards. */
  cards?: unknown[];
  latency?: Partial<SimLatency>;
  /** Mimic readers whose find-card answers 80 after a read until the card is selected again. */
  findMissAfterRead?: boolean;
  /**
   * Find-card polls answered "no card" when place() swaps one card for another, standing in for
   * the moment a person needs to lift one card and lay down the next (default 3).
   */
  swapGapPolls?: number;
  samId?: Uint8Array;
}

export interface DemoCardSummary {
  id: string;
  label: string;
  kind: DemoCard['fields']['kind'];
  name: string;
  number: string;
}

export interface SimulatorEvents {
  change: [state: { plugged: boolean; placed?: string }];
}

interface Prepared {
  card: DemoCard;
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint?: Uint8Array;
}

const SAM_ID = Uint8Array.from([
  0x05, 0x00, 0x01, 0x00, 0x20, 0x26, 0x01, 0x01, 0x00, 0x00, 0x00, 0x01, 0x12, 0x34, 0x56, 0x78,
]);

/**
 * A reader with a SAM, speaking the real frames. Transports (in-process or the sim-peer over a
 * serial line) feed it command bodies and send back the reply frames it returns.
 */
export class Simulator extends EventEmitter<SimulatorEvents> {
  private cards = new Map<string, Prepared>();
  private placedId?: string;
  private selected = false;
  private halted = false;
  private isPlugged = true;
  private faults: FaultKind[] = [];
  private latency: SimLatency;
  private readonly quirkHalt: boolean;
  private readonly swapGapPolls: number;
  private gap = 0;
  private readonly samId: Uint8Array;

  constructor(opts: SimulatorOptions = {}) {
    super();
    this.latency = { find: 0, select: 0, read: 0, other: 0, ...opts.latency };
    this.quirkHalt = opts.findMissAfterRead ?? false;
    this.swapGapPolls = opts.swapGapPolls ?? 3;
    this.samId = opts.samId ?? SAM_ID;
    this.setCards(opts.cards ?? BUILTIN_DEMO_CARDS);
  }

  /** Replaces the demo cards (e.g. with the sandbox registry's residents); removes a placed card that is gone. */
  setCards(input: unknown[]): void {
    const next = new Map<string, Prepared>();
    for (const card of parseDemoCards(input)) {
      next.set(card.id, {
        card,
        text: encodeCardText(card.fields),
        photo: fakeBiometric(card.id, 'photo'),
        ...(card.hasFingerprint ? { fingerprint: fakeBiometric(card.id, 'fingerprint') } : {}),
      });
    }
    this.cards = next;
    if (this.placedId && !next.has(this.placedId)) this.remove();
  }

  listDemoCards(): DemoCardSummary[] {
    return [...this.cards.values()].map(({ card }) => ({
      id: card.id,
      label: card.label,
      kind: card.fields.kind,
      name: card.fields.name,
      number: card.fields.number,
    }));
  }

  get placed(): string | undefined {
    return this.placedId;
  }

  get plugged(): boolean {
    return this.isPlugged;
  }

  place(id: string): void {
    if (!this.cards.has(id)) throw new RangeError(`No demo card "${id}"; known: ${[...this.cards.keys()].join(', ')}`);
    this.gap = this.placedId !== undefined && this.placedId !== id ? this.swapGapPolls : 0;
    this.placedId = id;
    this.selected = false;
    this.halted = false;
    this.changed();
  }

  remove(): void {
    this.placedId = undefined;
    this.gap = 0;
    this.selected = false;
    this.halted = false;
    this.changed();
  }

  /** Queues a fault for the next matching command(s); 'unplug' acts at once. */
  injectFault(kind: FaultKind, times = 1): void {
    if (kind === 'unplug') return this.unplug();
    for (let i = 0; i < times; i++) this.faults.push(kind);
  }

  clearFaults(): void {
    this.faults = [];
  }

  unplug(): void {
    this.isPlugged = false;
    this.changed();
  }

  replug(): void {
    this.isPlugged = true;
    this.selected = false;
    this.changed();
  }

  setLatency(l: Partial<SimLatency>): void {
    this.latency = { ...this.latency, ...l };
  }

  /** Delay before the reply to this command, in ms. */
  latencyFor(body: Uint8Array): number {
    const name = body.length >= 2 ? commandName(body[0]!, body[1]!) : undefined;
    if (name === 'findCard') return this.latency.find;
    if (name === 'selectCard') return this.latency.select;
    if (name === 'readText' || name === 'readTextFingerprint' || name === 'readAddedAddress') return this.latency.read;
    return this.latency.other;
  }

  /** The reply frame for one command body, or null when the reader stays silent. */
  respond(body: Uint8Array): Uint8Array | null {
    if (!this.isPlugged) return null;
    if (body.length < 2) return encodeResponse(0x11);
    const { cmd, para, data } = parseCommandBody(body);
    const name = commandName(cmd, para);
    if (name === undefined) return encodeResponse(0x21);
    if (this.takeFault('timeout')) return null;
    const reply = this.answer(name, data);
    if (this.takeFault('checksum')) reply[reply.length - 1] = reply[reply.length - 1]! ^ 0xff;
    return reply;
  }

  /** Reply for a command frame that arrived with a bad checksum, as a real SAM answers. */
  respondChecksumError(): Uint8Array | null {
    return this.isPlugged ? encodeResponse(0x10) : null;
  }

  private answer(name: CommandName, data: Uint8Array): Uint8Array {
    const card = this.placedId === undefined ? undefined : this.cards.get(this.placedId);
    switch (name) {
      case 'resetSam':
        this.selected = false;
        return encodeResponse(0x90);
      case 'samStatus':
        return encodeResponse(0x90);
      case 'samId':
        return encodeResponse(0x90, this.samId);
      case 'setMaxRfFrame':
        return encodeResponse(data.length === 1 ? 0x90 : 0x11);
      case 'findCard':
        this.selected = false;
        if (this.gap > 0) {
          this.gap--;
          return encodeResponse(0x80);
        }
        if (!card || this.halted || this.takeFault('no_card')) return encodeResponse(0x80);
        return encodeResponse(0x9f, new Uint8Array(4));
      case 'selectCard':
        if (!card || this.gap > 0) return encodeResponse(0x81);
        this.selected = true;
        this.halted = false;
        return encodeResponse(0x90, new Uint8Array(8));
      case 'readText':
      case 'readTextFingerprint': {
        if (!card || !this.selected || this.takeFault('read_failed')) return encodeResponse(0x41);
        this.selected = false;
        this.halted = this.quirkHalt;
        const fp = name === 'readTextFingerprint' ? (card.fingerprint ?? new Uint8Array(0)) : undefined;
        return encodeResponse(0x90, encodeCardDataReply(card.text, card.photo, fp));
      }
      case 'readAddedAddress':
        if (!card) return encodeResponse(0x41);
        if (!card.card.addedAddress) return encodeResponse(0x91);
        return encodeResponse(0x90, encodeAddedAddress(card.card.addedAddress));
    }
  }

  private takeFault(kind: FaultKind): boolean {
    const i = this.faults.indexOf(kind);
    if (i < 0) return false;
    this.faults.splice(i, 1);
    return true;
  }

  private changed(): void {
    this.emit('change', { plugged: this.isPlugged, ...(this.placedId ? { placed: this.placedId } : {}) });
  }
}
