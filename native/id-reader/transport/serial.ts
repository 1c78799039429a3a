import { SerialPort } from 'serialport';
import { ReaderError, asReaderError } from '../errors';
import { TransportBase, type TransportInfo } from './types';

export interface SerialOptions {
  path: string;
  baudRate?: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits?: 1 | 1.5 | 2;
}

/** USB-serial (or any tty) reader; 115200 8N1 unless configured otherwise. */
export class SerialTransport extends TransportBase {
  readonly info: TransportInfo;
  private port?: SerialPort;
  private closedByUs = false;

  constructor(private readonly opts: SerialOptions) {
    super();
    this.info = { kind: 'serial', id: `serial:${opts.path}`, label: `Serial ${opts.path}` };
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.port?.isOpen) return;
    this.closedByUs = false;
    const port = new SerialPort({
      path: this.opts.path,
      baudRate: this.opts.baudRate ?? 115200,
      dataBits: this.opts.dataBits ?? 8,
      parity: this.opts.parity ?? 'none',
      stopBits: this.opts.stopBits ?? 1,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => {
      port.open((err) =>
        err
          ? reject(
              asReaderError(
                err,
                'TRANSPORT_OPEN_FAILED',
                `Cannot open serial port ${this.opts.path} (in use by another program, no permission, or unplugged)`,
              ),
            )
          : resolve(),
      );
    });
    port.on('data', (chunk: Buffer) => this.emit('data', new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
    port.on('error', (err: Error) =>
      this.emit('error', asReaderError(err, 'TRANSPORT_CLOSED', `Serial port ${this.opts.path} failed`)),
    );
    port.on('close', () => {
      if (this.port === port) this.port = undefined;
      this.emit(
        'close',
        this.closedByUs
          ? undefined
          : new ReaderError('TRANSPORT_CLOSED', `Serial port ${this.opts.path} went away; plug the reader back in.`),
      );
    });
    this.port = port;
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.closedByUs = true;
    if (!port.isOpen) {
      this.port = undefined;
      return;
    }
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  async write(data: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen)
      throw new ReaderError('TRANSPORT_CLOSED', `Serial port ${this.opts.path} is not open; plug the reader in.`);
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(data), (err) =>
        err ? reject(asReaderError(err, 'TRANSPORT_WRITE_FAILED', `Writing to ${this.opts.path} failed`)) : resolve(),
      );
    });
  }
}
