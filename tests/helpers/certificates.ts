import { crc32, deflateSync } from 'node:zlib';
import type { CertificateData } from '../../electron/services/certificates';

/** A small RGB PNG (a face-like oval on blue), written by hand so tests need no image library. */
export function testPhoto(width = 90, height = 120): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const dx = (x - width / 2) / (width * 0.3);
      const dy = (y - height * 0.42) / (height * 0.3);
      const face = dx * dx + dy * dy < 1;
      const o = row + 1 + x * 3;
      raw[o] = face ? 230 : 70;
      raw[o + 1] = face ? 190 : 120;
      raw[o + 2] = face ? 160 : 200;
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const common = {
  hall: { id: 'H110101', name: '示范市东城区政务服务中心' },
  counter: 'A12',
  clerk: { id: 'C0042', name: '李娜' },
  issuedAt: '2025-03-01T02:42:00Z',
  training: false,
} as const;

export function cleanEnergyData(over: Partial<CertificateData> = {}): CertificateData {
  return {
    serial: 'CE-20250301-000123',
    itemCode: 'QJNY-001',
    holder: { name: '王建国', idNumberMasked: '110101********0013', address: '示范市东城区和平里街道青年沟村12号' },
    facts: [
      { key: 'householdNumber', label: '户号', labelEn: 'Household number', value: '110101004512' },
      { key: 'address', label: '房屋地址', labelEn: 'House address', value: '示范市东城区和平里街道青年沟村12号' },
      { key: 'programArea', label: '改造区域', labelEn: 'Program area', value: '青年沟村（2023年度煤改电村）' },
    ],
    checks: [
      {
        id: 'household',
        label: '户籍登记在该地址',
        result: 'passed',
        sentence: '申请人为户主，户籍地址与房屋地址一致。',
        source: {
          typeName: '居民户口簿',
          number: '1.2.156.3005.2.111002.11010100.2430599.001.F',
          issuer: '示范市公安局',
          asOf: '2025-03-01T02:41:10Z',
        },
      },
      {
        id: 'house',
        label: '该地址有合法房屋或宅基地',
        result: 'passed',
        sentence: '农村宅基地使用权证登记权利人为申请人，地址一致。',
        source: {
          typeName: '农村宅基地使用权证',
          number: '1.2.156.3005.2.113002.11010100.0081234.001.K',
          issuer: '示范市规划和自然资源委员会',
          asOf: '2025-03-01T02:41:11Z',
        },
      },
      {
        id: 'program',
        label: '地址在煤改电改造范围内',
        result: 'passed',
        sentence: '青年沟村列入2023年度煤改电村名单。',
      },
    ],
    result: '经核验，该住户符合清洁能源（煤改电）峰谷电价补贴条件。',
    ...common,
    ...over,
  };
}

const RELATIONS = ['户主', '配偶', '子', '女', '孙子', '孙女', '母亲', '父亲', '儿媳', '女婿'];
const NAMES = ['张伟', '王芳', '李强', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴婷', '徐明', '孙丽'];

export function householdData(members = 4, over: Partial<CertificateData> = {}): CertificateData {
  const rows = Array.from({ length: members }, (_, i) => ({
    name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? String(i) : ''}`,
    relation: RELATIONS[i % RELATIONS.length] as string,
    sex: i % 2 === 0 ? '男' : '女',
    birth: `19${50 + (i % 50)}-0${(i % 9) + 1}-1${i % 10}`,
    idNumber: `110101********${String(1000 + i).slice(-4)}`,
  }));
  return {
    serial: 'HH-20250301-000077',
    itemCode: 'HJ-002',
    holder: { name: '张伟', idNumberMasked: '110101********1000', sex: '男', birth: '1950-01-10' },
    facts: [
      { key: 'householdNumber', label: '户号', labelEn: 'Household number', value: '110101009876' },
      { key: 'householdType', label: '户别', labelEn: 'Household type', value: '家庭户' },
      { key: 'address', label: '住址', labelEn: 'Address', value: '示范市东城区和平里街道青年沟村12号' },
      {
        key: 'members',
        label: '户内成员',
        labelEn: 'Members',
        value: {
          columns: [
            { key: 'name', label: '姓名', labelEn: 'Name', width: 1.2 },
            { key: 'relation', label: '与户主关系', labelEn: 'Relation', width: 1.3 },
            { key: 'sex', label: '性别', labelEn: 'Sex', width: 0.7 },
            { key: 'birth', label: '出生日期', labelEn: 'Birth', width: 1.3 },
            { key: 'idNumber', label: '公民身份号码', labelEn: 'ID number', width: 2.2 },
          ],
          rows,
        },
      },
    ],
    checks: [
      {
        id: 'register',
        label: '居民户口簿有效',
        result: 'passed',
        sentence: '户口簿电子证照签名有效，申请人在户内。',
        source: {
          typeName: '居民户口簿',
          number: '1.2.156.3005.2.111002.11010100.2430600.001.Q',
          issuer: '示范市公安局',
          asOf: '2025-03-01T02:41:10Z',
        },
      },
    ],
    result: '经核验，申请人户籍登记情况如上。',
    ...common,
    ...over,
  };
}

export function seniorCardData(over: Partial<CertificateData> = {}): CertificateData {
  return {
    serial: 'SC-20250301-000009',
    itemCode: 'LNYD-003',
    holder: { name: '赵桂兰', idNumberMasked: '110101********0028', sex: '女', birth: '1948-06-15' },
    facts: [{ key: 'cardNumber', label: '卡号', labelEn: 'Card number', value: '1101012025000009' }],
    checks: [
      {
        id: 'age',
        label: '年满60周岁',
        result: 'passed',
        sentence: '出生日期1948-06-15，已满60周岁。',
        source: {
          typeName: '居民身份证',
          number: '1.2.156.3005.2.111001.11010100.0000028.001.3',
          issuer: '示范市公安局',
        },
      },
    ],
    result: '符合老年人优待证办理条件。',
    photo: testPhoto(),
    ...common,
    ...over,
  };
}
