import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isValidIdNumber } from '../../../protocol/id-number';

export interface ScanResult {
  files: number;
  bytes: number;
  /** needle → files it was found in (UTF-8 or UTF-16LE). */
  found: Map<string, string[]>;
  /** Every checksum-valid 18-character ID number anywhere in the files → where. */
  idNumbers: Map<string, string[]>;
}

// Region digit 1-9, a birth date 18xx-20xx, sequence, check digit; validated by checksum after.
const ID_SHAPE = /[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]/g;

/**
 * Reads every file under `dir` (PostgreSQL's data folder: tables, indexes, WAL, temp files) as
 * raw bytes and reports where each needle occurs, and any readable citizen ID number at all, not
 * only the ones a test planted.
 */
export function scanFiles(dir: string, needles: string[]): ScanResult {
  const res: ScanResult = { files: 0, bytes: 0, found: new Map(needles.map((n) => [n, []])), idNumbers: new Map() };
  const forms = needles.map((n) => [n, [Buffer.from(n, 'utf8'), Buffer.from(n, 'utf16le')]] as const);
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue; // a temp file PostgreSQL removed meanwhile
      if (st.isDirectory()) {
        walk(p);
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = readFileSync(p);
      } catch {
        continue;
      }
      res.files += 1;
      res.bytes += bytes.length;
      for (const [n, bs] of forms) if (bs.some((b) => bytes.includes(b))) res.found.get(n)!.push(p);
      for (const m of bytes.toString('latin1').matchAll(ID_SHAPE))
        if (isValidIdNumber(m[0])) res.idNumbers.set(m[0], [...(res.idNumbers.get(m[0]) ?? []), p]);
    }
  };
  walk(dir);
  return res;
}
