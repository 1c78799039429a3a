import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CryptoError } from './errors';

// Windows has no POSIX mode bits; there the data dir's ACL is what protects the file.
const POSIX = process.platform !== 'win32';

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Reads a key file after checking it is a regular file, private to this user; null when it does not exist. */
export function readPrivateFile(path: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EISDIR') throw notRegular(path);
    throw e;
  }
  try {
    // Checked on the open descriptor, so the file read is the file checked.
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(path);
    if (POSIX) {
      if ((st.mode & 0o077) !== 0) {
        throw new CryptoError(
          'KEY_FILE_PERMISSIONS',
          `key file ${path} has mode ${octal(st.mode)}, so other users can read or change it; the terminal refuses to use it. Run: chmod 600 "${path}" (and check nobody else copied it)`,
        );
      }
      const uid = process.getuid?.();
      if (uid !== undefined && uid !== 0 && st.uid !== uid) {
        throw new CryptoError(
          'KEY_FILE_OWNER',
          `key file ${path} belongs to user id ${st.uid}, not to the account running the terminal (${uid}); run: chown ${uid} "${path}", or start the terminal as the owner`,
        );
      }
    }
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

const notRegular = (path: string) =>
  new CryptoError(
    'KEY_FILE_NOT_REGULAR',
    `key file ${path} is not a regular file; remove whatever is there and restore the key file from backup`,
  );

function fsyncDir(dir: string): void {
  // Directory fsync makes the new name durable on POSIX; Windows cannot open directories, and NTFS journals names anyway.
  if (!POSIX) return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates `path` with `bytes` and mode 0600 atomically: written and synced under a temporary name,
 * then hard-linked into place, which fails instead of overwriting when another process won the race.
 * Returns what ended up in the file (ours, or the winner's).
 */
export function createPrivateFileOnce(path: string, bytes: Buffer): Buffer {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    if (POSIX) fchmodSync(fd, 0o600); // the umask may have narrowed it further; make it exactly 0600
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    try {
      linkSync(tmp, path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return readPrivateFile(path) ?? bytes;
      // Filesystems without hard links (FAT, some network shares): rename is still atomic, just not exclusive.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EXDEV') {
        renameSync(tmp, path);
      } else {
        throw e;
      }
    }
    fsyncDir(dir);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* already renamed */
    }
  }
  return bytes;
}
