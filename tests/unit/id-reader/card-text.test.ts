import { describe, expect, it } from 'vitest';
import type { CardFields } from '../../../native/id-reader/card';
import { CardRead } from '../../../native/id-reader/card';
import { BUILTIN_DEMO_CARDS, parseDemoCards } from '../../../native/id-reader/sim/demo-cards';
import { decodeCardText } from '../../../native/id-reader/text/decode';
import { encodeCardText } from '../../../native/id-reader/text/encode';
import { listNations, nationByCode, sexByCode } from '../../../native/id-reader/text/codes';
import { isValidIdNumber } from '../../../protocol/id-number';

const NOW = new Date(2026, 5, 1, 12); // 2026-06-01 local

/** Builds a block by hand from the layout in docs/card-layouts.md, independent of the encoder. */
function block(fields: Array<[number, string]>): Uint8Array {
  const b = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) b[i] = 0x20;
  for (const [off, s] of fields) Buffer.from(s, 'utf16le').copy(b, off);
  return b;
}

describe('card text decoding from hand-built layouts', () => {
  it('resident ID card', () => {
    const c = decodeCardText(
      block([
        [0, '张三'],
        [30, '1'],
        [32, '01'],
        [36, '19910101'],
        [52, '江西省某县示例路1号'],
        [122, '360426199101010071'],
        [158, '某县公安局'],
        [188, '20200101'],
        [204, '20400101'],
      ]),
      NOW,
    );
    expect(c).toEqual({
      kind: 'resident',
      name: '张三',
      sex: { code: '1', label: '男', labelEn: 'Male' },
      nation: { code: '01', label: '汉', labelEn: 'Han' },
      birth: '1991-01-01',
      address: '江西省某县示例路1号',
      number: '360426199101010071',
      authority: '某县公安局',
      validFrom: '2020-01-01',
      validTo: '2040-01-01',
      extra: {},
      warnings: [],
    });
  });

  it('resident card valid long-term (长期)', () => {
    const c = decodeCardText(
      block([
        [0, '李四'],
        [30, '2'],
        [32, '05'],
        [36, '19910101'],
        [122, '360426199101010071'],
        [188, '20100101'],
        [204, '长期'],
      ]),
      NOW,
    );
    expect(c.validTo).toBe('long-term');
    expect(c.nation?.label).toBe('维吾尔');
    expect(c.warnings.map((w) => w.code)).toEqual(['SEX_MISMATCH']);
  });

  it("HK/Macao/Taiwan permit ('J')", () => {
    const c = decodeCardText(
      block([
        [0, '陈嘉欣'],
        [30, '2'],
        [36, '19920815'],
        [122, '810000199208150027'],
        [158, '某市公安局'],
        [188, '20230510'],
        [204, '20280510'],
        [220, 'H60000001'],
        [238, '01'],
        [248, 'J'],
      ]),
      NOW,
    );
    expect(c).toMatchObject({
      kind: 'hmt_permit',
      name: '陈嘉欣',
      number: '810000199208150027',
      extra: { passNumber: 'H60000001', issueCount: '01' },
      warnings: [],
    });
    expect(c.nation).toBeUndefined();
  });

  it("foreign permanent resident 2017 ('I')", () => {
    const c = decodeCardText(
      block([
        [0, 'SMITH, JOHN'],
        [120, '1'],
        [122, 'CAN110075061301'],
        [152, 'CAN'],
        [158, '史约翰'],
        [188, '20190401'],
        [204, '20290401'],
        [220, '19750613'],
        [236, '05'],
        [240, '1500'],
        [248, 'I'],
      ]),
      NOW,
    );
    expect(c).toMatchObject({
      kind: 'foreign_2017',
      name: '史约翰',
      nameEn: 'SMITH, JOHN',
      birth: '1975-06-13',
      number: 'CAN110075061301',
      extra: { nationality: 'CAN', cardVersion: '05', authorityCode: '1500' },
      warnings: [],
    });
  });

  it("foreign permanent resident 2023 ('Y') joins the English name overflow", () => {
    const c = decodeCardText(
      block([
        [0, '玛丽亚'],
        [30, '2'],
        [32, '00'],
        [36, '19900228'],
        [52, 'GARCIA LOPEZ, MARIA FERNANDA EXAMP'],
        [122, '911724199002280022'],
        [188, '20240301'],
        [204, '20340301'],
        [220, 'LE TEST'],
        [242, 'ESP'],
        [248, 'Y'],
      ]),
      NOW,
    );
    expect(c).toMatchObject({
      kind: 'foreign_2023',
      name: '玛丽亚',
      nameEn: 'GARCIA LOPEZ, MARIA FERNANDA EXAMPLE TEST',
      extra: { nationality: 'ESP', renewalCount: '00' },
      warnings: [],
    });
  });

  it('uses the English name when a foreign card has no Chinese name', () => {
    const c = decodeCardText(
      block([
        [0, 'DOE, JANE'],
        [120, '2'],
        [122, 'USA110090010101'],
        [220, '19900101'],
        [188, '20200101'],
        [204, '20300101'],
        [248, 'I'],
      ]),
      NOW,
    );
    expect(c.name).toBe('DOE, JANE');
  });
});

describe('card validation warnings (never a throw)', () => {
  const base: CardFields = {
    kind: 'resident',
    name: '张三',
    sex: '1',
    nation: '01',
    birth: '1991-01-01',
    address: 'x',
    number: '360426199101010071',
    authority: 'y',
    validFrom: '2020-01-01',
    validTo: '2040-01-01',
  };
  const codes = (f: Partial<CardFields>, now = NOW) =>
    decodeCardText(encodeCardText({ ...base, ...f }), now).warnings.map((w) => w.code);

  it('expired and not-yet-valid depend on the injected now', () => {
    expect(codes({ validTo: '2026-05-31' })).toEqual(['EXPIRED']);
    expect(codes({ validTo: '2026-06-01' })).toEqual([]);
    expect(codes({ validFrom: '2026-06-02' })).toEqual(['NOT_YET_VALID']);
    expect(codes({ validTo: '2026-05-31' }, new Date(2020, 0, 1))).toEqual([]);
  });
  it('bad check digit, birth and sex mismatch, bad dates, unknown codes', () => {
    expect(codes({ number: '360426199101010072' })).toEqual(['BAD_CHECK_DIGIT']);
    expect(codes({ birth: '1991-01-02' })).toEqual(['BIRTH_MISMATCH']);
    expect(codes({ sex: '2' })).toEqual(['SEX_MISMATCH']);
    expect(codes({ sex: '7' })).toEqual(['UNKNOWN_SEX']);
    expect(codes({ nation: '77' })).toEqual(['UNKNOWN_NATION']);
    expect(codes({ birth: '19910230' })).toContain('BAD_DATE');
    expect(codes({ number: '36042619910101' })).toEqual(['BAD_NUMBER_FORMAT']);
    expect(codes({ name: '' })).toEqual(['EMPTY_NAME']);
  });
  it('only the wrong block size is an error', () => {
    expect(() => decodeCardText(new Uint8Array(255))).toThrow(expect.objectContaining({ code: 'CARD_TEXT_INVALID' }));
    const random = Uint8Array.from({ length: 256 }, (_, i) => (i * 131 + 17) & 0xff);
    expect(() => decodeCardText(random, NOW)).not.toThrow();
  });
});

describe('encoder and demo cards', () => {
  it('every built-in demo card round-trips, has a valid number and only the expected warnings', () => {
    const cards = parseDemoCards(BUILTIN_DEMO_CARDS);
    expect(new Set(cards.map((c) => c.fields.kind))).toEqual(
      new Set(['resident', 'hmt_permit', 'foreign_2017', 'foreign_2023']),
    );
    for (const d of cards) {
      const c = decodeCardText(encodeCardText(d.fields), NOW);
      expect(c.kind).toBe(d.fields.kind);
      expect(c.number).toBe(d.fields.number);
      expect(c.birth).toBe(d.fields.birth);
      expect(c.validTo).toBe(d.fields.validTo);
      if (d.fields.kind !== 'foreign_2017') expect(isValidIdNumber(d.fields.number)).toBe(true);
      expect(c.warnings.map((w) => w.code)).toEqual(d.id === 'resident-li-expired' ? ['EXPIRED'] : []);
    }
  });
  it('refuses fields longer than the layout and bad card lists with CARD_INPUT_INVALID', () => {
    expect(() =>
      encodeCardText({ ...BUILTIN_DEMO_CARDS[0]!, sex: '1', name: '一二三四五六七八九十一二三四五六' } as CardFields),
    ).toThrow(expect.objectContaining({ code: 'CARD_INPUT_INVALID' }));
    expect(() => parseDemoCards([{ id: 'x', name: 'a' }])).toThrow(
      expect.objectContaining({ code: 'CARD_INPUT_INVALID' }),
    );
    expect(() => parseDemoCards([BUILTIN_DEMO_CARDS[0], BUILTIN_DEMO_CARDS[0]])).toThrow(/twice/);
  });
});

describe('code tables', () => {
  it('has all 56 nations plus 97 and 98, and the four sex codes', () => {
    const n = listNations();
    expect(n).toHaveLength(58);
    expect(n.filter((x) => /^(0[1-9]|[1-4]\d|5[0-6])$/.test(x.code))).toHaveLength(56);
    expect(nationByCode('56')?.label).toBe('基诺');
    expect(nationByCode('98')?.full).toBe('外国血统中国籍人士');
    expect(['0', '1', '2', '9'].map((c) => sexByCode(c)?.labelEn)).toEqual(['Unknown', 'Male', 'Female', 'Not stated']);
  });
});

describe('CardRead keeps biometrics out of every serialisation', () => {
  it('photo and fingerprint are reachable but not in JSON, spread or inspect', async () => {
    const photo = new Uint8Array(1024).fill(0xab);
    const fp = new Uint8Array(1024).fill(0xcd);
    const card = decodeCardText(encodeCardText(parseDemoCards(BUILTIN_DEMO_CARDS)[0]!.fields), NOW);
    const r = new CardRead(card, { photo, fingerprint: fp });
    expect(r.photo).toBe(photo);
    const json = JSON.stringify(r);
    expect(json).toContain('"hasPhoto":true');
    expect(json).not.toMatch(/171|205|photo":\{|"0":/);
    expect(Object.keys({ ...r })).toEqual(['card']);
    const { inspect } = await import('node:util');
    expect(inspect(r, { depth: 10 })).not.toContain('171');
    expect(structuredClone({ ...r })).toEqual({ card });
    r.wipe();
    expect(photo.every((b) => b === 0) && fp.every((b) => b === 0)).toBe(true);
  });
});
