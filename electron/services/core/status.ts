import type { PrinterStatus, ReaderStatus, RegistryStatus } from '../../api/types';
import type { EventBus } from './bus';

const now = () => new Date().toISOString();

/**
 * The last known state of each device and the registry. Starts as "unavailable" so the status bar
 * shows honestly what is not wired up yet rather than fake data.
 */
export class StatusStore {
  reader: ReaderStatus = { state: 'unavailable', at: now() };
  printer: PrinterStatus = { state: 'unavailable', at: now() };
  registry: RegistryStatus = { state: 'unavailable', at: now() };

  constructor(private readonly bus: EventBus) {}

  setReader(s: Omit<ReaderStatus, 'at'>): void {
    this.reader = { ...s, at: now() };
    this.bus.emit('reader.status', this.reader);
  }

  setPrinter(s: Omit<PrinterStatus, 'at'>): void {
    this.printer = { ...s, at: now() };
    this.bus.emit('printer.status', this.printer);
  }

  setRegistry(s: Omit<RegistryStatus, 'at'>): void {
    this.registry = { ...s, at: now() };
    this.bus.emit('registry.status', this.registry);
  }
}
