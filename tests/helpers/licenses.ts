import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FetchedLicense, LicenseRecord, VerificationState } from '../../electron/services/registry/types';
import { parseCachePolicy, type CachePolicy } from '../../electron/services/cache/policy';

/** Test people: every name, ID number and address here must never appear in a database file. */
export const PEOPLE = {
  zhang: { name: '张伟明', id: '360426199101010071', address: '示范市东城区和平里街道青年湖北街12号' },
  li: { name: '李秀英', id: '11010519491231002X', address: '示范市东城区和平里街道青年湖北街12号' },
  wang: { name: '王建国', id: '110101198001010053', address: '示范市西城区广安门外大街305号' },
} as const;

let serial = 1000;

export function license(
  typeCode: string,
  holder: { name: string; id: string; address: string },
  extra: Partial<LicenseRecord> = {},
): LicenseRecord {
  serial += 1;
  return {
    identifier: `1.2.156.3005.2.${typeCode}.11010000PSB.${serial}.001.F`,
    certificateType: typeCode,
    certificateName: typeCode === '111002' ? '居民户口簿' : '不动产权证书',
    certificateHolder: holder.name,
    certificateHolderCode: holder.id,
    certificateHolderType: '111',
    issueDept: '示范市公安局',
    issueDeptCode: '11010000PSB',
    certificateNumber: `No.${serial}`,
    issueDate: '2020-05-01',
    certificateValidateStart: '2020-05-01',
    certificateValidateEnd: '2040-05-01',
    certificateAreaCode: '110101',
    surface: {
      address: holder.address,
      headName: holder.name,
      headIdNumber: holder.id,
      members: [
        { name: PEOPLE.zhang.name, idNumber: PEOPLE.zhang.id, relation: '户主' },
        { name: PEOPLE.li.name, idNumber: PEOPLE.li.id, relation: '母亲' },
      ],
    },
    digitalSign: { alg: 'SM2-SM3', signer: '11010000PSB', value: randomBytes(64).toString('hex') },
    ...extra,
  };
}

export const VERIFIED: VerificationState = { state: 'verified', issuer: '11010000PSB' };
export const UNVERIFIED: VerificationState = {
  state: 'unverified',
  reason: 'bad-signature',
  message: 'signature does not match',
};

export function fetched(
  lic: LicenseRecord,
  fetchedAt: Date | string = new Date(),
  verification: VerificationState = VERIFIED,
): FetchedLicense {
  return {
    license: lic,
    verification,
    fetchedAt: typeof fetchedAt === 'string' ? fetchedAt : fetchedAt.toISOString(),
    source: 'registry',
  };
}

export const hoursAgo = (h: number, from = new Date()) => new Date(from.getTime() - h * 3_600_000);

export const POLICY: CachePolicy = parseCachePolicy({
  default: { maxAgeHours: 24, retentionDays: 7 },
  types: {
    '111001': { maxAgeHours: 72, retentionDays: 7 },
    '111002': { maxAgeHours: 24, retentionDays: 7 },
    '113001': { maxAgeHours: 168, retentionDays: 14 },
  },
});

export function tempDir(prefix = 'counter-cache-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every needle, as UTF-8 and UTF-16LE, that occurs in any of the files (missing files are skipped). */
export function plaintextHits(files: string[], needles: string[]): string[] {
  const hits: string[] = [];
  for (const f of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(f);
    } catch {
      continue;
    }
    for (const n of needles) {
      for (const enc of ['utf8', 'utf16le'] as const) {
        if (bytes.includes(Buffer.from(n, enc))) hits.push(`${n} (${enc}) in ${f}`);
      }
    }
  }
  return hits;
}
