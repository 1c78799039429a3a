import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { extname, join } from 'node:path';
import { BatchError } from './errors';

/** A list larger than this is refused before a byte is stored (100,000 rows of a wide sheet fit). */
export const UPLOAD_MAX_BYTES = 32 * 1024 * 1024;
/** One chunk: the web host takes ~1 MB per call, and base64 grows a chunk by a third. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

const EXTS = new Set(['.csv', '.xlsx']);
const ID = /^[0-9a-f-]{36}$/;

/**
 * Imported lists on their way in, and while their job runs: `<dir>/<uploadId>.<ext>`, mode 0600,
 * the folder 0700 inside the data folder. The renderer sends a file in chunks at known offsets
 * (the API boundary carries JSON), so a chunk sent twice after a lost answer writes the same
 * bytes again, and nothing outside this folder can be named.
 */
export class UploadStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Where an upload's file is; refuses ids this store did not make. */
  path(uploadId: string): string {
    if (!ID.test(uploadId)) throw new BatchError('BATCH_NOT_FOUND', `There is no imported list "${uploadId}".`);
    const f = readdirSync(this.dir).find((n) => n.startsWith(`${uploadId}.`));
    if (!f) throw new BatchError('BATCH_NOT_FOUND', 'The imported list is gone; import it again.');
    return join(this.dir, f);
  }

  begin(fileName: string, size: number): string {
    const ext = extname(fileName).toLowerCase();
    if (!EXTS.has(ext))
      throw new BatchError(
        'BATCH_FORMAT',
        `"${fileName}" is neither CSV nor XLSX; save it as .csv (UTF-8) or .xlsx and import it again.`,
        { ext },
      );
    if (size > UPLOAD_MAX_BYTES)
      throw new BatchError(
        'BATCH_TOO_LARGE',
        `The list is ${size} bytes; at most ${UPLOAD_MAX_BYTES} are taken. Split it into smaller lists.`,
        { max: UPLOAD_MAX_BYTES },
      );
    const id = randomUUID();
    closeSync(openSync(join(this.dir, `${id}${ext}`), 'wx', 0o600));
    return id;
  }

  /** Writes one chunk at its offset; returns the bytes now in the file. */
  write(uploadId: string, size: number, offset: number, data: Buffer): number {
    if (data.length > UPLOAD_CHUNK_BYTES || offset + data.length > size || size > UPLOAD_MAX_BYTES)
      throw new BatchError(
        'BATCH_TOO_LARGE',
        `A chunk must be at most ${UPLOAD_CHUNK_BYTES} bytes and end inside the file.`,
        { max: UPLOAD_MAX_BYTES },
      );
    const fd = openSync(this.path(uploadId), 'r+');
    try {
      writeSync(fd, data, 0, data.length, offset);
      return fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
  }

  size(uploadId: string): number {
    return statSync(this.path(uploadId)).size;
  }

  /** A finished or cancelled job's list: its rows are in the database, the file is not needed. */
  remove(path: string): void {
    if (path.startsWith(this.dir) && existsSync(path)) rmSync(path);
  }
}
