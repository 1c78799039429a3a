import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCipher } from '../../../electron/services/crypto';
import { openDatabase, type Db } from '../../../electron/services/db/open';
import type { FetchedLicense, LicenseRecord, SurfaceValue } from '../../../electron/services/registry/types';
import type { RuleFacts } from '../../../electron/services/rules/types';

/** A small household of our own (not the sandbox's): 张建国 (head) and 李秀英 at a program village. */
export const HEAD = { name: '张建国', idNumber: '110903196803121617', sex: '男', birth: '1968-03-12' };
export const SPOUSE = { name: '李秀英', idNumber: '110903197005203348', sex: '女', birth: '1970-05-20' };
export const STRANGER = { name: '王志强', idNumber: '110905197511020336' };
export const ADDRESS = '示范市青山区柳河镇东庄村18号';
export const AREA = '110903001001';
export const PROGRAM = {
  'clean-energy': [
    { areaCode: AREA, name: '青山区柳河镇东庄村' },
    { areaCode: '110904001', name: '白云县白云镇' },
  ],
};

const NAMES: Record<string, [string, string, string]> = {
  '111001': ['居民身份证', '示范市公安局', 'PSB'],
  '111002': ['居民户口簿', '示范市公安局', 'PSB'],
  '113001': ['不动产权证书', '示范市规划和自然资源委员会', 'NRB'],
  '113002': ['农村宅基地使用权证', '示范市规划和自然资源委员会', 'NRB'],
};

let seq = 0;
export function license(
  type: string,
  holder: { name: string; idNumber: string },
  number: string,
  surface: Record<string, SurfaceValue>,
): LicenseRecord {
  const [name, dept, code] = NAMES[type] ?? ['证照', '示范市', 'X'];
  seq += 1;
  return {
    identifier: `1.2.156.3005.2.${type}.${code}.${String(seq).padStart(7, '0')}.001.F`,
    certificateType: type,
    certificateName: name,
    certificateHolder: holder.name,
    certificateHolderCode: holder.idNumber,
    certificateHolderType: '111',
    issueDept: dept,
    issueDeptCode: code,
    certificateNumber: number,
    issueDate: '2010-01-01',
    certificateValidateStart: '2010-01-01',
    certificateValidateEnd: '2099-12-31',
    certificateAreaCode: AREA,
    surface,
    digitalSign: { alg: 'SM2-SM3', signer: code, value: '00' },
  };
}

export const verified = (
  l: LicenseRecord,
  source: 'registry' | 'cache' = 'registry',
  fetchedAt = '2025-11-20T02:00:00.000Z',
): FetchedLicense => ({
  license: l,
  verification: { state: 'verified', issuer: l.issueDeptCode },
  fetchedAt,
  source,
});

export const unverified = (l: LicenseRecord): FetchedLicense => ({
  license: l,
  verification: { state: 'unverified', reason: 'bad-signature', message: 'signature does not verify' },
  fetchedAt: '2025-11-20T02:00:00.000Z',
  source: 'registry',
});

export const householdRegister = (address = ADDRESS, members = [HEAD, SPOUSE]) =>
  license('111002', HEAD, 'H110903000123', {
    householdNumber: '110903000123',
    householdType: '农业家庭户',
    address,
    areaCode: AREA,
    headName: HEAD.name,
    headIdNumber: HEAD.idNumber,
    members: members.map((m, i) => ({
      name: m.name,
      idNumber: m.idNumber,
      relation: i === 0 ? '户主' : '配偶',
      sex: '男',
      birth: '1968-03-12',
    })),
  });

export const homestead = (owner: { name: string; idNumber: string } = HEAD, address = ADDRESS) =>
  license('113002', owner, '京(2010)青山集建字第00018号', {
    certificateNumber: '京(2010)青山集建字第00018号',
    owners: [{ name: owner.name, idNumber: owner.idNumber, share: '100%' }],
    address,
    areaCode: AREA,
    village: '东庄村',
    area: '210.5',
  });

export const realEstate = (owner: { name: string; idNumber: string } = HEAD, address = ADDRESS) =>
  license('113001', owner, '京(2019)青山区不动产权第0012345号', {
    certificateNumber: '京(2019)青山区不动产权第0012345号',
    owners: [{ name: owner.name, idNumber: owner.idNumber, share: '100%' }],
    address,
    areaCode: AREA,
    use: '住宅',
    area: '98.2',
    tenure: '2019-05-01起70年',
  });

export const residentId = (person = HEAD, photo = 'iVBORw0KGgo=') =>
  license('111001', person, person.idNumber, {
    name: person.name,
    sex: '男',
    nation: '汉',
    birth: '1968-03-12',
    address: ADDRESS,
    idNumber: person.idNumber,
    authority: '示范市公安局青山分局',
    validFrom: '2015-01-01',
    validTo: '长期',
    photo,
  });

/** Facts for the head of household, everything in order, on a date inside the heating season. */
export function baseFacts(over: Partial<RuleFacts> = {}): RuleFacts {
  return {
    card: { name: HEAD.name, idNumber: HEAD.idNumber, birth: HEAD.birth, validTo: '2035-01-01', kind: 'resident' },
    licenses: [verified(householdRegister()), verified(homestead())],
    programAreas: PROGRAM,
    now: new Date(2025, 10, 20, 10, 0),
    issuedForAddress: () => [],
    ...over,
  };
}

export const testCipher = () => createCipher(randomBytes(32));

export interface TempDb {
  db: Db;
  file: string;
  dir: string;
  close(): void;
}

export function tempDb(prefix = 'cases-'): TempDb {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'terminal.db');
  const db = openDatabase(file);
  return {
    db,
    file,
    dir,
    close: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
