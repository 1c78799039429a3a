import http from 'node:http';
import { userInfo } from 'node:os';
import { PrintError } from '../errors';
import { decodeIpp, encodeIpp, groupToRecord, type IppAttribute, type IppMessage, type IppValue } from './codec';
import { Op, Status, Tag } from './constants';

/** Where cupsd listens: a TCP host/port or a local domain socket. */
export type IppEndpoint = { host: string; port: number } | { socketPath: string };

export interface IppResponse {
  status: number;
  operation: Record<string, IppValue[]>;
  /** printer or job groups, in order, flattened */
  objects: Record<string, IppValue[]>[];
}

const SPOOLER_ERRNOS = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'EACCES',
]);

export const attr = {
  keyword: (name: string, ...values: string[]): IppAttribute => ({ tag: Tag.keyword, name, values }),
  name: (name: string, value: string): IppAttribute => ({ tag: Tag.name, name, values: [value] }),
  uri: (name: string, value: string): IppAttribute => ({ tag: Tag.uri, name, values: [value] }),
  integer: (name: string, value: number): IppAttribute => ({ tag: Tag.integer, name, values: [value] }),
  mime: (name: string, value: string): IppAttribute => ({ tag: Tag.mimeMediaType, name, values: [value] }),
};

/**
 * Speaks IPP over HTTP to cupsd. Keep-alive matters: the job tracker polls every ~150 ms and
 * a fresh TCP handshake per poll would double the cost.
 */
export class IppClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  private requestId = 1;
  readonly user: string;

  constructor(
    readonly endpoint: IppEndpoint,
    readonly timeoutMs = 5000,
  ) {
    this.user = safeUser();
  }

  /** ipp:// URI for a queue; cupsd only looks at the path, so the host is cosmetic. */
  printerUri(queue: string): string {
    return `ipp://localhost/printers/${encodeURIComponent(queue)}`;
  }

  async request(
    op: number,
    path: string,
    operationAttrs: IppAttribute[],
    extraGroups: { tag: number; attributes: IppAttribute[] }[] = [],
    data?: Buffer,
  ): Promise<IppResponse> {
    const msg: IppMessage = {
      version: [2, 0],
      code: op,
      requestId: this.requestId++,
      groups: [
        {
          tag: Tag.operation,
          attributes: [
            { tag: Tag.charset, name: 'attributes-charset', values: ['utf-8'] },
            { tag: Tag.naturalLanguage, name: 'attributes-natural-language', values: ['en'] },
            ...operationAttrs,
          ],
        },
        ...extraGroups,
      ],
    };
    const body = data ? Buffer.concat([encodeIpp(msg), data]) : encodeIpp(msg);
    const raw = await this.post(path, body);
    let decoded: IppMessage;
    try {
      decoded = decodeIpp(raw);
    } catch (e) {
      throw new PrintError('SPOOLER_DOWN', {
        detail: `unreadable answer from the print service: ${(e as Error).message}`,
        cause: e,
      });
    }
    const op0 = decoded.groups.find((g) => g.tag === Tag.operation);
    return {
      status: decoded.code,
      operation: op0 ? groupToRecord(op0) : {},
      objects: decoded.groups.filter((g) => g.tag === Tag.printer || g.tag === Tag.job).map(groupToRecord),
    };
  }

  private post(path: string, body: Buffer): Promise<Buffer> {
    const target =
      'socketPath' in this.endpoint
        ? { socketPath: this.endpoint.socketPath }
        : { host: this.endpoint.host, port: this.endpoint.port };
    const where = describeEndpoint(this.endpoint);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          ...target,
          path,
          method: 'POST',
          agent: this.agent,
          timeout: this.timeoutMs,
          // cupsd checks Host against its ServerAlias list; localhost is always accepted.
          headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length, Host: 'localhost' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 200) {
              const code = res.statusCode === 401 || res.statusCode === 403 ? 'SPOOLER_REFUSED' : 'SPOOLER_DOWN';
              reject(new PrintError(code, { detail: `HTTP ${res.statusCode} from print service at ${where}` }));
            } else resolve(Buffer.concat(chunks));
          });
          res.on('error', (e) =>
            reject(new PrintError('SPOOLER_DOWN', { detail: `${where}: ${e.message}`, cause: e })),
          );
        },
      );
      req.on('timeout', () =>
        req.destroy(Object.assign(new Error(`no answer within ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })),
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        const down = e.code === undefined || SPOOLER_ERRNOS.has(e.code);
        reject(
          new PrintError(down ? 'SPOOLER_DOWN' : 'UNKNOWN', {
            detail: `${where}: ${e.code ?? ''} ${e.message}`.trim(),
            cause: e,
          }),
        );
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export function describeEndpoint(ep: IppEndpoint): string {
  return 'socketPath' in ep ? ep.socketPath : `${ep.host}:${ep.port}`;
}

function safeUser(): string {
  try {
    return userInfo().username || 'counter';
  } catch {
    return 'counter';
  }
}

export { Op, Status };
